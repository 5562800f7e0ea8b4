<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>CaptureView</name>
    <message>
        <location filename="../../app/views/capture_view.py" line="65" />
        <source>Capture source</source>
        <translation>Источник захвата</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="69" />
        <source>Rescan</source>
        <translation>Обновить список</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="70" />
        <source>List the network interfaces again (after plugging in an adapter)</source>
        <translation>Заново получить список сетевых интерфейсов (после подключения адаптера)</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="71" />
        <source>Interface:</source>
        <translation>Интерфейс:</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="83" />
        <source>no file chosen</source>
        <translation>файл не выбран</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="84" />
        <source>Replay file…</source>
        <translation>Воспроизвести файл…</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="90" />
        <source>as fast as possible</source>
        <translation>максимально быстро</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="91" />
        <source>1× = the frames' own pace; 0 = as fast as possible</source>
        <translation>1× — в исходном темпе кадров; 0 — максимально быстро</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="94" />
        <source>Speed:</source>
        <translation>Скорость:</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="99" />
        <source>Channels to hop through, e.g. 1,6,11 or 1-13</source>
        <translation>Каналы для переключения, например 1,6,11 или 1-13</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="103" />
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="104" />
        <source>Channels:</source>
        <translation>Каналы:</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="106" />
        <source>Hop every:</source>
        <translation>Смена канала:</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="111" />
        <source>site (a new name creates it)</source>
        <translation>объект (новое имя создаст его)</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="114" />
        <source>sensor (default)</source>
        <translation>по умолчанию</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="115" />
        <source>Site:</source>
        <translation>Объект:</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="117" />
        <source>Sensor:</source>
        <translation>Сенсор:</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="120" />
        <source>Keep raw pcapng files in:</source>
        <translation>Сохранять исходные pcapng в:</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="122" />
        <source>Browse…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="131" />
        <source>⚠ Raw capture files hold raw MAC addresses of passers-by (personal data). The workspace keeps only keyed hashes; keep the raw files safe and delete them when done.</source>
        <translation>⚠ Исходные файлы захвата содержат MAC-адреса прохожих в открытом виде (персональные данные). В рабочей области хранятся только ключевые хэши; храните исходные файлы надёжно и удаляйте их после работы.</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="138" />
        <source>Start capture</source>
        <translation>Начать захват</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="140" />
        <source>Stop</source>
        <translation>Остановить</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="150" />
        <source>Frames</source>
        <translation>Кадры</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="150" />
        <source>802.11 frames received and stored in the workspace</source>
        <translation>Кадры 802.11, принятые и сохранённые в рабочей области</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="151" />
        <source>Probe requests</source>
        <translation>Probe-запросы</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="151" />
        <source>Frames phones send while looking for networks</source>
        <translation>Кадры, которые телефоны отправляют при поиске сетей</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="152" />
        <source>Devices</source>
        <translation>Устройства</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="152" />
        <source>Distinct transmitter MACs seen in this capture (stored as keyed hashes)</source>
        <translation>Уникальные MAC передатчиков в этом захвате (хранятся как ключевые хэши)</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="153" />
        <source>Dropped</source>
        <translation>Потеряно</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="153" />
        <source>Frames lost because the computer could not keep up (buffer full)</source>
        <translation>Кадры, потерянные из-за того, что компьютер не успевал их обработать (буфер переполнен)</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="160" />
        <source>No captures yet — drop a .pcap here or start a capture</source>
        <translation>Захватов пока нет — перетащите сюда .pcap или начните захват</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="162" />
        <source>Frames per second and new devices</source>
        <translation>Кадры в секунду и новые устройства</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="163" />
        <source>Per stored batch (about one per second): frames received per second, and devices seen for the first time in this capture</source>
        <translation>По каждому сохранённому пакету (примерно раз в секунду): принято кадров в секунду и устройств, впервые замеченных в этом захвате</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="165" />
        <source>seconds since start</source>
        <translation>секунды от начала</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="166" />
        <source>frames/s</source>
        <translation>кадров/с</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="167" />
        <source>new devices</source>
        <translation>новые устройства</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="190" />
        <source>Replay a capture file (demo, no radio needed)</source>
        <translation>Воспроизвести файл захвата (демо, без радиоадаптера)</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="202" />
        <source>%1 — not wireless</source>
        <translation>%1 — не беспроводной</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="204" />
        <source>%1 — wireless, in monitor mode</source>
        <translation>%1 — беспроводной, в режиме мониторинга</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="205" />
        <source>monitor mode supported</source>
        <translation>режим мониторинга поддерживается</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="205" />
        <source>no monitor mode</source>
        <translation>нет режима мониторинга</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="206" />
        <source>monitor mode unknown</source>
        <translation>режим мониторинга: неизвестно</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="207" />
        <source>%1 — wireless, %2</source>
        <translation>%1 — беспроводной, %2</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="216" />
        <source>Frames of the file go through the same path as a live capture.</source>
        <translation>Кадры из файла обрабатываются так же, как при живом захвате.</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="222" />
        <source>This interface is not wireless: it cannot capture Wi-Fi frames.</source>
        <translation>Это не беспроводной интерфейс: он не может захватывать кадры Wi-Fi.</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="224" />
        <source>Ready: the interface is in monitor mode.</source>
        <translation>Готово: интерфейс в режиме мониторинга.</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="226" />
        <source>Start switches it to monitor mode (needs root). Otherwise run:</source>
        <translation>При запуске интерфейс переключится в режим мониторинга (нужны права root). Или выполните:</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="244" />
        <source>Last capture: %1

Start a capture, or drop a .pcap here to replay it.</source>
        <translation>Последний захват: %1

Начните захват или перетащите сюда .pcap, чтобы воспроизвести его.</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="247" />
        <source>No live captures yet — pick the Wi-Fi adapter and press Start capture, or replay a capture file (drop a .pcap here)</source>
        <translation>Живых захватов пока нет — выберите Wi-Fi-адаптер и нажмите «Начать захват» или воспроизведите файл захвата (перетащите .pcap сюда)</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="270" />
        <source>Folder for raw capture files</source>
        <translation>Папка для исходных файлов захвата</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="275" />
        <source>Replay a capture file</source>
        <translation>Воспроизвести файл захвата</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="276" />
        <source>Captures (*.pcap *.pcapng *.cap *.dump *.gz);;All files (*)</source>
        <translation>Захваты (*.pcap *.pcapng *.cap *.dump *.gz);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="296" />
        <source>Press “Start capture” to replay %1 into the workspace.</source>
        <translation>Нажмите «Начать захват», чтобы воспроизвести %1 в рабочую область.</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="308" />
        <source>Choose or type the site where the sensor stands.</source>
        <translation>Выберите или введите объект, где стоит сенсор.</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="315" />
        <source>Choose the capture file to replay (or drop it here).</source>
        <translation>Выберите файл захвата для воспроизведения (или перетащите его сюда).</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="318" />
        <source>Choose an interface.</source>
        <translation>Выберите интерфейс.</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="323" />
        <source>Channels: %1</source>
        <translation>Каналы: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="371" />
        <source>Capturing from %1…</source>
        <translation>Захват с %1…</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="373" />
        <source>Capture from %1</source>
        <translation>Захват с %1</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="396" />
        <source>%1 frames/s</source>
        <translation>%1 кадров/с</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="398" />
        <location filename="../../app/views/capture_view.py" line="425" />
        <source>from %1 MACs</source>
        <translation>от %1 MAC</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="400" />
        <source>+%1 in the last batch</source>
        <translation>+%1 в последнем пакете</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="402" />
        <source>%1 chart updates skipped</source>
        <translation>пропущено обновлений графика: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="418" />
        <source>Stopping: storing the frames still buffered…</source>
        <translation>Остановка: сохраняются кадры из буфера…</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="429" />
        <source>Capture stored in the workspace: %1 frames, %2 probe requests, %3 devices in %4 s.</source>
        <translation>Захват сохранён в рабочей области: кадров — %1, probe-запросов — %2, устройств — %3 за %4 с.</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="433" />
        <source>Raw files (raw MAC addresses!): %1</source>
        <translation>Исходные файлы (MAC-адреса в открытом виде!): %1</translation>
    </message>
</context>
<context>
    <name>ChartCard</name>
    <message>
        <location filename="../../app/charts.py" line="33" />
        <source>Export</source>
        <translation>Экспорт</translation>
    </message>
    <message>
        <location filename="../../app/charts.py" line="36" />
        <source>PNG image…</source>
        <translation>Изображение PNG…</translation>
    </message>
    <message>
        <location filename="../../app/charts.py" line="37" />
        <source>SVG image…</source>
        <translation>Изображение SVG…</translation>
    </message>
    <message>
        <location filename="../../app/charts.py" line="38" />
        <source>CSV figures…</source>
        <translation>Данные в CSV…</translation>
    </message>
    <message>
        <location filename="../../app/charts.py" line="109" />
        <source>Export chart</source>
        <translation>Экспорт графика</translation>
    </message>
</context>
<context>
    <name>ClustersView</name>
    <message>
        <location filename="../../app/views/clusters_view.py" line="38" />
        <source>Number of clusters:</source>
        <translation>Число кластеров:</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="40" />
        <source>Automatic (best silhouette, k = 2…8)</source>
        <translation>Автоматически (лучший силуэт, k = 2…8)</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="44" />
        <source>Run clustering</source>
        <translation>Кластеризовать</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="55" />
        <source>No clusters yet — build visits on the Visits screen, then press Run clustering. Devices are grouped by how often, when and how long they visit.</source>
        <translation>Кластеров пока нет — постройте визиты на экране «Визиты» и нажмите «Кластеризовать». Устройства группируются по частоте, времени и длительности визитов.</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="64" />
        <source>Devices clustered</source>
        <translation>Устройств в кластерах</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="65" />
        <source>Visitors' phones (non-randomized, not staff or fixed equipment) with at least one visit</source>
        <translation>Телефоны посетителей хотя бы с одним визитом (без случайных MAC, устройств персонала и стационарного оборудования)</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="66" />
        <source>Clusters</source>
        <translation>Кластеры</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="66" />
        <source>k: chosen by the stated criterion, or by you</source>
        <translation>k: выбрано по указанному критерию или вручную</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="67" />
        <source>Largest cluster</source>
        <translation>Крупнейший кластер</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="67" />
        <source>Share of devices in the biggest cluster</source>
        <translation>Доля устройств в самом крупном кластере</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="74" />
        <source>Cluster sizes</source>
        <translation>Размеры кластеров</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="74" />
        <source>Devices per cluster</source>
        <translation>Устройств в каждом кластере</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="75" />
        <source>devices</source>
        <translation>устройства</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="76" />
        <source>2-D projection</source>
        <translation>2D-проекция</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="77" />
        <source>Each dot is a device placed by PCA of its behaviour features; colour = cluster (a fixed sample of at most 20 000 devices)</source>
        <translation>Каждая точка — устройство, размещённое методом главных компонент (PCA) по признакам поведения; цвет — кластер (фиксированная выборка не более 20 000 устройств)</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="88" />
        <source>Profiles</source>
        <translation>Профили</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="89" />
        <source>Export profiles CSV… (Ctrl+E)</source>
        <translation>Экспорт профилей в CSV… (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="103" />
        <source>No workspace open — File ▸ New (Ctrl+N) or Open (Ctrl+O)</source>
        <translation>Рабочая область не открыта — Файл ▸ Новая (Ctrl+N) или Открыть (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="106" />
        <source>Loading clusters</source>
        <translation>Загрузка кластеров</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="124" />
        <source>Clustering…</source>
        <translation>Кластеризация…</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="125" />
        <source>Clustering devices</source>
        <translation>Кластеризация устройств</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="127" />
        <source>Clusters: k = %1 over %2 devices</source>
        <translation>Кластеры: k = %1, устройств: %2</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="150" />
        <source>All sites, all time: %1 visitors' devices (randomized MACs, staff and fixed equipment left out), clustered %2.</source>
        <translation>Все площадки, всё время: %1 устройств посетителей (без случайных MAC, персонала и стационарного оборудования), кластеризация от %2.</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="154" />
        <source>Visits were rebuilt since: run clustering again to follow them.</source>
        <translation>С тех пор визиты пересобраны: запустите кластеризацию заново.</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="159" />
        <source>k = %1 — %2</source>
        <translation>k = %1 — %2</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="161" />
        <source>Silhouette per k (higher = better separated clusters): </source>
        <translation>Силуэт для каждого k (больше — кластеры разделены лучше): </translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="186" />
        <source>Export profiles</source>
        <translation>Экспорт профилей</translation>
    </message>
</context>
<context>
    <name>ComparePanel</name>
    <message>
        <location filename="../../app/views/visit_compare.py" line="37" />
        <location filename="../../app/views/visit_compare.py" line="46" />
        <source>Compare</source>
        <translation>Сравнить</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="39" />
        <source>with another site</source>
        <translation>с другим объектом</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="40" />
        <source>with another period</source>
        <translation>с другим периодом</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="63" />
        <source>Unique visitors by day, A vs B</source>
        <translation>Уникальные посетители по дням, A и B</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="64" />
        <source>Day 1 is the first day of each period</source>
        <translation>День 1 — первый день каждого периода</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="118" />
        <source>Comparing</source>
        <translation>Сравнение</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="126" />
        <source>Short visits</source>
        <translation>Короткие визиты</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="126" />
        <source>New visitors</source>
        <translation>Новые посетители</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="127" />
        <source>Returning visitors</source>
        <translation>Вернувшиеся посетители</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="127" />
        <source>Fixed equipment</source>
        <translation>Стационарное оборудование</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="128" />
        <source>Visits per visitor</source>
        <translation>Визитов на посетителя</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="131" />
        <source>figure</source>
        <translation>показатель</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="134" />
        <source>A vs B</source>
        <translation>A к B</translation>
    </message>
</context>
<context>
    <name>ContextBar</name>
    <message>
        <location filename="../../app/widgets.py" line="28" />
        <source>All time</source>
        <translation>За всё время</translation>
    </message>
    <message>
        <location filename="../../app/widgets.py" line="39" />
        <source>Site:</source>
        <translation>Объект:</translation>
    </message>
    <message>
        <location filename="../../app/widgets.py" line="42" />
        <source>Period:</source>
        <translation>Период:</translation>
    </message>
    <message>
        <location filename="../../app/widgets.py" line="59" />
        <source>All sites</source>
        <translation>Все объекты</translation>
    </message>
    <message>
        <location filename="../../app/widgets.py" line="61" />
        <source>No workspace open</source>
        <translation>Рабочая область не открыта</translation>
    </message>
    <message>
        <location filename="../../app/widgets.py" line="63" />
        <source> (read-only)</source>
        <translation> (только чтение)</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../app/widgets.py" line="161" />
        <source>Details…</source>
        <translation>Подробности…</translation>
    </message>
    <message>
        <location filename="../../app/widgets.py" line="164" />
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
</context>
<context>
    <name>ImportSummary</name>
    <message>
        <location filename="../../app/import_summary.py" line="42" />
        <source>Read</source>
        <translation>Прочитано</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="42" />
        <source>Data rows in the file (the header not counted)</source>
        <translation>Строки данных в файле (без заголовка)</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="43" />
        <source>Imported</source>
        <translation>Загружено</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="43" />
        <source>Rows stored as new contacts / receipts</source>
        <translation>Строки, сохранённые как новые контакты / чеки</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="44" />
        <source>Rejected</source>
        <translation>Отклонено</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="44" />
        <source>Rows with no usable key or that the parser refused; each is in the rejects report</source>
        <translation>Строки без пригодного ключа или не прошедшие разбор; все они есть в отчёте об отклонённых</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="46" />
        <source>Duplicates</source>
        <translation>Дубликаты</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="46" />
        <source>Rows whose phones, e-mail, card and CRM id were all known before, together in one stored row; not stored again</source>
        <translation>Строки, у которых телефоны, e-mail, карта и CRM id уже были вместе в одной сохранённой строке; повторно не сохраняются</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="63" />
        <source>Open rejects report</source>
        <translation>Открыть отчёт об отклонённых</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="64" />
        <source>Export rejects as CSV…</source>
        <translation>Экспорт отклонённых в CSV…</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="94" />
        <source>Cancel came too late: the import had already been saved in the workspace. It stays imported.</source>
        <translation>Отмена пришла слишком поздно: импорт уже сохранён в рабочей области и остаётся в ней.</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="99" />
        <source>%1 single values dropped from otherwise good rows (in the rejects report)</source>
        <translation>Отброшено отдельных значений из корректных строк: %1 (см. отчёт об отклонённых)</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="102" />
        <source>%1 further phones kept from the other phone columns (they link the same person)</source>
        <translation>Ещё телефонов из других колонок телефона: %1 (связаны с тем же человеком)</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="105" />
        <source>Ignored columns: %1</source>
        <translation>Пропущенные столбцы: %1</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="125" />
        <source>Line</source>
        <translation>Строка</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="125" />
        <source>Column</source>
        <translation>Столбец</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="125" />
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="126" />
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="128" />
        <source>Rejected rows and dropped values</source>
        <translation>Отклонённые строки и отброшенные значения</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="129" />
        <source> (the first %1)</source>
        <translation> (первые %1)</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="131" />
        <source>full report: %1</source>
        <translation>полный отчёт: %1</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="135" />
        <source>Loading the rejects</source>
        <translation>Загрузка отклонённых</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="148" />
        <source>Export rejects</source>
        <translation>Экспорт отклонённых</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="149" />
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="157" />
        <source>Exporting rejects</source>
        <translation>Экспорт отклонённых</translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="158" />
        <source>Rejects written to %1</source>
        <translation>Отклонённые записаны в %1</translation>
    </message>
</context>
<context>
    <name>ImportView</name>
    <message>
        <location filename="../../app/views/import_view.py" line="18" />
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="19" />
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="20" />
        <source>Site</source>
        <translation>Объект</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="21" />
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="22" />
        <source>Frames / rows</source>
        <translation>Кадры / строки</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="23" />
        <source>Probe requests</source>
        <translation>Probe-запросы</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="24" />
        <source>Devices</source>
        <translation>Устройства</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="25" />
        <source>Randomized</source>
        <translation>Случайные MAC</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="26" />
        <source>Truncated</source>
        <translation>Обрезан</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="27" />
        <source>Rejected</source>
        <translation>Отклонено</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="28" />
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="31" />
        <source>All supported (*.pcap *.pcapng *.cap *.dump *.gz *.csv *.txt *.kismet *.kismetdb *.json *.xlsx);;All files (*)</source>
        <translation>Все поддерживаемые (*.pcap *.pcapng *.cap *.dump *.gz *.csv *.txt *.kismet *.kismetdb *.json *.xlsx);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="48" />
        <source>Add files…</source>
        <translation>Добавить файлы…</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="49" />
        <source>Remove</source>
        <translation>Убрать</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="53" />
        <source>site (new name creates it)</source>
        <translation>объект (новое имя создаст его)</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="55" />
        <source>sensor (default)</source>
        <translation>по умолчанию</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="56" />
        <source>Import</source>
        <translation>Импорт</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="58" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="63" />
        <source>Site for captures:</source>
        <translation>Объект для захватов:</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="65" />
        <source>Sensor:</source>
        <translation>Сенсор:</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="72" />
        <source>No files chosen — drop .pcap/.pcapng captures, airodump-ng CSV, Kismet logs, CRM exports or receipts here, or click “Add files…”.</source>
        <translation>Файлы не выбраны — перетащите сюда захваты .pcap/.pcapng, CSV airodump-ng, журналы Kismet, выгрузки CRM или чеки, или нажмите «Добавить файлы…».</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="103" />
        <source>Import files</source>
        <translation>Импорт файлов</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="116" />
        <location filename="../../app/views/import_view.py" line="222" />
        <source>ready</source>
        <translation>готов</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="148" />
        <source>Choose or type the site these captures come from.</source>
        <translation>Выберите или введите объект, откуда эти захваты.</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="154" />
        <source>waiting</source>
        <translation>ожидает</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/import_view.py" line="163" />
        <source>Importing %n file(s)</source>
        <translation>
            <numerusform>Импорт файлов: %n</numerusform>
            <numerusform>Импорт файлов: %n</numerusform>
            <numerusform>Импорт файлов: %n</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="172" />
        <source>Import finished: </source>
        <translation>Импорт завершён: </translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="185" />
        <source>yes, %1 bytes lost</source>
        <translation>да, потеряно байт: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="208" />
        <source>mapping…</source>
        <translation>сопоставление…</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../app/import_wizard.py" line="31" />
        <source>phone</source>
        <translation>телефон</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="32" />
        <source>e-mail</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="33" />
        <source>name</source>
        <translation>имя</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="34" />
        <source>birth date</source>
        <translation>дата рождения</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="35" />
        <source>gender</source>
        <translation>пол</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="36" />
        <source>loyalty card</source>
        <translation>карта лояльности</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="37" />
        <source>consent</source>
        <translation>согласие</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="38" />
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="39" />
        <source>FN (fiscal drive)</source>
        <translation>ФН (фискальный накопитель)</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="40" />
        <source>FD (document no.)</source>
        <translation>ФД (номер документа)</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="41" />
        <source>FP (fiscal sign)</source>
        <translation>ФП (фискальный признак)</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="42" />
        <source>date and time</source>
        <translation>дата и время</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="43" />
        <source>total</source>
        <translation>сумма</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="44" />
        <source>operation type</source>
        <translation>тип операции</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="45" />
        <source>register (KKT) no.</source>
        <translation>рег. номер ККТ</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="46" />
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="47" />
        <source>promo code</source>
        <translation>промокод</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="48" />
        <source>buyer phone</source>
        <translation>телефон покупателя</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="49" />
        <source>buyer e-mail</source>
        <translation>e-mail покупателя</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="50" />
        <source>ignore</source>
        <translation>пропустить</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="52" />
        <source>CRM export (customers)</source>
        <translation>Выгрузка CRM (клиенты)</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="53" />
        <source>Receipts table</source>
        <translation>Таблица чеков</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="99" />
        <source>Import %1</source>
        <translation>Импорт: %1</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="125" />
        <source>&lt; Back</source>
        <translation>&lt; Назад</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="126" />
        <source>Next &gt;</source>
        <translation>Далее &gt;</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="127" />
        <location filename="../../app/import_wizard.py" line="531" />
        <source>Import</source>
        <translation>Импортировать</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="128" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="129" />
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="164" />
        <source>detected</source>
        <translation>найдена сама</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="165" />
        <source>The line (sheet row) the column names are on, when the one detected below a title is not it</source>
        <translation>Строка (строка листа) с названиями колонок, если найденная под заголовком отчёта — не та</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="167" />
        <location filename="../../app/import_wizard.py" line="281" />
        <source>Reading the first rows…</source>
        <translation>Чтение первых строк…</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="169" />
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="170" />
        <source>What it holds:</source>
        <translation>Содержимое:</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="171" />
        <source>Encoding:</source>
        <translation>Кодировка:</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="172" />
        <source>Delimiter:</source>
        <translation>Разделитель:</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="174" />
        <source>Header on line:</source>
        <translation>Заголовок в строке:</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="180" />
        <source>The first records as decoded with this encoding and split by this delimiter: garbled letters mean the wrong encoding</source>
        <translation>Первые записи в выбранной кодировке с выбранным разделителем: нечитаемые символы означают неверную кодировку</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="182" />
        <source>First records:</source>
        <translation>Первые записи:</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="209" />
        <source>Load mapping…</source>
        <translation>Загрузить сопоставление…</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="210" />
        <source>Save mapping…</source>
        <translation>Сохранить сопоставление…</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="215" />
        <source>&lt;b&gt;The file&lt;/b&gt; — choose what each column holds:</source>
        <translation>&lt;b&gt;Файл&lt;/b&gt; — укажите, что содержит каждый столбец:</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="218" />
        <source>&lt;b&gt;What the import will store&lt;/b&gt; — red cells are dropped, amber ones kept with a warning (hover for the reason):</source>
        <translation>&lt;b&gt;Что будет загружено&lt;/b&gt; — красные ячейки отбрасываются, жёлтые загружаются с предупреждением (причина — в подсказке):</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="235" />
        <source>Starting…</source>
        <translation>Запуск…</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="250" />
        <source>1 · File</source>
        <translation>1 · Файл</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="250" />
        <source>2 · Columns</source>
        <translation>2 · Столбцы</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="250" />
        <source>3 · Importing</source>
        <translation>3 · Импорт</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="251" />
        <source>4 · Summary</source>
        <translation>4 · Итоги</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="283" />
        <source>Reading %1</source>
        <translation>Чтение %1</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="290" />
        <source>Cannot read this file: %1</source>
        <translation>Не удаётся прочитать файл: %1</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="306" />
        <source>Detected: %1 columns, encoding %2, delimiter %3. Change them if the preview looks wrong.</source>
        <translation>Определено: столбцов — %1, кодировка %2, разделитель %3. Измените их, если предпросмотр выглядит неверно.</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="310" />
        <source>Workbook sheet “%1”, %2 columns.</source>
        <translation>Лист книги «%1», столбцов: %2.</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="313" />
        <source>The header is on line %1; the title above it is skipped.</source>
        <translation>Заголовок таблицы — в строке %1; строки названия над ним пропущены.</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="324" />
        <source>This mapping was remembered from the last file of the same shape.</source>
        <translation>Сопоставление запомнено по прошлому файлу той же структуры.</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="326" />
        <source>Mapping proposed from the column names and contents; check it.</source>
        <translation>Сопоставление предложено по названиям и содержимому столбцов; проверьте его.</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="342" />
        <source>role</source>
        <translation>роль</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="390" />
        <source>Preview of normalised values</source>
        <translation>Предпросмотр нормализованных значений</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="442" />
        <source>Map at least one column to phone, e-mail or loyalty card.</source>
        <translation>Сопоставьте хотя бы один столбец с телефоном, e-mail или картой лояльности.</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="444" />
        <source>A receipts table needs the FN, FD and FP columns.</source>
        <translation>Для таблицы чеков нужны столбцы ФН, ФД и ФП.</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="460" />
        <source>Save mapping</source>
        <translation>Сохранить сопоставление</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="461" />
        <location filename="../../app/import_wizard.py" line="471" />
        <source>Mapping (*.json)</source>
        <translation>Сопоставление (*.json)</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="467" />
        <source>Saving mapping</source>
        <translation>Сохранение сопоставления</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="471" />
        <source>Load mapping</source>
        <translation>Загрузить сопоставление</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="481" />
        <source>Loading mapping</source>
        <translation>Загрузка сопоставления</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="500" />
        <source>Importing %1</source>
        <translation>Импорт %1</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="515" />
        <source>The import is saved; it can no longer be cancelled</source>
        <translation>Импорт сохранён; отменить его уже нельзя</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="517" />
        <source>Import saved; writing the rejects report…</source>
        <translation>Импорт сохранён; записывается отчёт об отклонённых строках…</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="551" />
        <source>Import saved; finishing the rejects report…</source>
        <translation>Импорт сохранён; завершается отчёт об отклонённых строках…</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="552" />
        <source>Cancelling…</source>
        <translation>Отмена…</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="160" />
        <source>The sheet of the workbook to import; each sheet is its own import</source>
        <translation>Лист книги для импорта; каждый лист импортируется отдельно</translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="173" />
        <source>Sheet:</source>
        <translation>Лист:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/window.py" line="146" />
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="147" />
        <source>&amp;New workspace…</source>
        <translation>&amp;Новая рабочая область…</translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="148" />
        <source>&amp;Open workspace…</source>
        <translation>&amp;Открыть рабочую область…</translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="149" />
        <source>Open &amp;recent</source>
        <translation>Н&amp;едавние</translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="152" />
        <source>&amp;Import files…</source>
        <translation>&amp;Импорт файлов…</translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="153" />
        <source>&amp;Export current view…</source>
        <translation>&amp;Экспорт текущего экрана…</translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="155" />
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="156" />
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="157" />
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="158" />
        <source>&amp;Filter table</source>
        <translation>&amp;Фильтр таблицы</translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="159" />
        <source>&amp;Cancel running task</source>
        <translation>О&amp;тменить задачу</translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="167" />
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="189" />
        <source>New workspace</source>
        <translation>Новая рабочая область</translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="189" />
        <location filename="../../app/window.py" line="195" />
        <source>O2O workspace (*.o2o)</source>
        <translation>Рабочая область O2O (*.o2o)</translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="195" />
        <source>Open workspace</source>
        <translation>Открыть рабочую область</translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="211" />
        <source>Cannot open workspace</source>
        <translation>Не удаётся открыть рабочую область</translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="222" />
        <source>Type a passphrase to protect this workspace's hashing secret:</source>
        <translation>Введите пароль для защиты секрета хэширования этой рабочей области:</translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="223" />
        <location filename="../../app/window.py" line="226" />
        <location filename="../../app/window.py" line="229" />
        <source>Protect the workspace</source>
        <translation>Защита рабочей области</translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="226" />
        <source>Type it again:</source>
        <translation>Повторите пароль:</translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="229" />
        <source>The passphrases differ; nothing was created.</source>
        <translation>Пароли не совпадают; ничего не создано.</translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="236" />
        <source>Unlock workspace</source>
        <translation>Разблокировать рабочую область</translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="285" />
        <source>Reading the data period</source>
        <translation>Определение периода данных</translation>
    </message>
</context>
<context>
    <name>NotificationArea</name>
    <message>
        <location filename="../../app/window.py" line="37" />
        <source>Notifications: %1</source>
        <translation>Уведомления: %1</translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="44" />
        <source>Notifications</source>
        <translation>Уведомления</translation>
    </message>
</context>
<context>
    <name>OverviewView</name>
    <message>
        <location filename="../../app/views/overview.py" line="30" />
        <location filename="../../app/views/overview.py" line="55" />
        <source>Sites</source>
        <translation>Объекты</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="30" />
        <source>Stores, malls, dealer centres and events in this workspace</source>
        <translation>Магазины, ТЦ, дилерские центры и мероприятия в этой рабочей области</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="31" />
        <location filename="../../app/views/overview.py" line="56" />
        <source>Sensors</source>
        <translation>Сенсоры</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="31" />
        <source>Wi-Fi sensors that delivered captures</source>
        <translation>Wi-Fi-сенсоры, приславшие захваты</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="32" />
        <source>Imported files</source>
        <translation>Импортировано файлов</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="32" />
        <source>Files that landed in the workspace (rejected rows counted per file)</source>
        <translation>Файлы, загруженные в рабочую область (отклонённые строки учтены по каждому файлу)</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="33" />
        <source>Detections</source>
        <translation>Обнаружения</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="33" />
        <source>Frames kept from captures: one row per phone seen by a sensor</source>
        <translation>Кадры из захватов: одна строка на каждое обнаружение телефона сенсором</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="34" />
        <source>Devices</source>
        <translation>Устройства</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="34" />
        <source>Distinct station MACs (kept only as keyed hashes)</source>
        <translation>Уникальные MAC устройств (хранятся только как ключевые хэши)</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="35" />
        <source>CRM contacts</source>
        <translation>Контакты CRM</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="35" />
        <source>Rows imported from CRM exports</source>
        <translation>Строки, импортированные из выгрузок CRM</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="36" />
        <source>Receipts</source>
        <translation>Чеки</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="36" />
        <source>Fiscal receipts imported</source>
        <translation>Импортировано фискальных чеков</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="42" />
        <source>Nothing imported yet — drop capture files (.pcap, .pcapng), CRM exports or receipts on this window, or use File ▸ Import files… (Ctrl+I).</source>
        <translation>Пока ничего не импортировано — перетащите в окно захваты (.pcap, .pcapng), выгрузки CRM или чеки, или выберите Файл ▸ Импорт файлов… (Ctrl+I).</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="46" />
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="46" />
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="46" />
        <source>Time zone</source>
        <translation>Часовой пояс</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="47" />
        <source>Site</source>
        <translation>Объект</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="47" />
        <source>Inside RSSI</source>
        <translation>RSSI внутри</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="47" />
        <source>Outside RSSI</source>
        <translation>RSSI снаружи</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="48" />
        <source>Table</source>
        <translation>Таблица</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="48" />
        <source>Rows</source>
        <translation>Строк</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="48" />
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="49" />
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="49" />
        <source>Rows read</source>
        <translation>Прочитано</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="49" />
        <source>Imported</source>
        <translation>Загружено</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="50" />
        <source>Rejected</source>
        <translation>Отклонено</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="50" />
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="50" />
        <source>Finished (UTC)</source>
        <translation>Завершён (UTC)</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="57" />
        <source>Tables</source>
        <translation>Таблицы</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="61" />
        <source>Imports log</source>
        <translation>Журнал импорта</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="71" />
        <source>No workspace open — File ▸ New (Ctrl+N) or Open (Ctrl+O)</source>
        <translation>Рабочая область не открыта — Файл ▸ Новая (Ctrl+N) или Открыть (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="73" />
        <source>Loading overview</source>
        <translation>Загрузка обзора</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="80" />
        <source> · demo workspace (synthetic data)</source>
        <translation> · демо-область (синтетические данные)</translation>
    </message>
</context>
<context>
    <name>PeopleView</name>
    <message>
        <location filename="../../app/views/people_view.py" line="27" />
        <source>Person</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="28" />
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="29" />
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="30" />
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="31" />
        <source>Card</source>
        <translation>Карта</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="32" />
        <source>CRM id</source>
        <translation>ID в CRM</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="33" />
        <source>Gender</source>
        <translation>Пол</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="34" />
        <source>Birth date</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="35" />
        <source>Consent</source>
        <translation>Согласие</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="36" />
        <location filename="../../app/views/people_view.py" line="64" />
        <source>Phones</source>
        <translation>Телефоны</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="37" />
        <location filename="../../app/views/people_view.py" line="64" />
        <source>E-mails</source>
        <translation>Адреса e-mail</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="38" />
        <source>Cards</source>
        <translation>Карты</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="39" />
        <source>Devices</source>
        <translation>Устройства</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="40" />
        <source>Receipts</source>
        <translation>Чеки</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="41" />
        <source>Revenue, ₽</source>
        <translation>Выручка, ₽</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="42" />
        <source>Last purchase</source>
        <translation>Последняя покупка</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="43" />
        <source>Sources</source>
        <translation>Источники</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="65" />
        <source>Loyalty cards</source>
        <translation>Карты лояльности</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="66" />
        <source>CRM ids</source>
        <translation>ID в CRM</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="67" />
        <source>Devices (keyed hash)</source>
        <translation>Устройства (ключевой хэш)</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="142" />
        <source>People</source>
        <translation>Клиенты</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="143" />
        <source>Resolved persons: CRM rows, receipts and partner matches that share a phone, e-mail, card or CRM id are one person</source>
        <translation>Объединённые профили: строки CRM, чеки и совпадения у партнёров с общим телефоном, e-mail, картой или ID в CRM считаются одним клиентом</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="145" />
        <source>With phone</source>
        <translation>С телефоном</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="145" />
        <source>People with at least one valid phone (E.164)</source>
        <translation>Клиенты хотя бы с одним корректным телефоном (E.164)</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="146" />
        <source>With e-mail</source>
        <translation>С e-mail</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="146" />
        <source>People with at least one valid e-mail</source>
        <translation>Клиенты хотя бы с одним корректным e-mail</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="147" />
        <source>With card</source>
        <translation>С картой</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="147" />
        <source>People with at least one loyalty card number</source>
        <translation>Клиенты хотя бы с одной картой лояльности</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="148" />
        <source>With device</source>
        <translation>С устройством</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="149" />
        <source>People linked to a (non-randomized) phone seen by the sensors, through a partner match</source>
        <translation>Клиенты, связанные через матчинг с партнёром с телефоном (не случайный MAC), замеченным сенсорами</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="150" />
        <source>With receipts</source>
        <translation>С чеками</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="151" />
        <source>People with at least one fiscal receipt (by buyer phone, e-mail or loyalty card)</source>
        <translation>Клиенты хотя бы с одним фискальным чеком (по телефону или e-mail покупателя либо карте лояльности)</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="160" />
        <source>Filter by name or any phone, e-mail, card, CRM id; phone:916, email:, card:, name:, last: (Ctrl+F)</source>
        <translation>Фильтр по имени или любому телефону, e-mail, карте, CRM id; phone:916, email:, card:, name:, last: (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="345" />
        <source>%1 visit(s) (%2 short) at %3, %4 h in total, last %5 (local time)</source>
        <translation>визитов: %1 (коротких: %2) — %3, всего %4 ч, последний %5 (местное время)</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="350" />
        <source>walked past %1 time(s) without coming in</source>
        <translation>проходил(а) мимо, не заходя: %1 раз(а)</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="353" />
        <source>no visits of the linked device(s)</source>
        <translation>у связанных устройств нет визитов</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="354" />
        <source>no device linked (a device joins a person through a partner match)</source>
        <translation>устройство не связано (устройство связывается с человеком через сопоставление партнёра)</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="176" />
        <location filename="../../app/views/people_view.py" line="226" />
        <source>No people yet — import a CRM export or receipts (File ▸ Import files…)</source>
        <translation>Клиентов пока нет — импортируйте выгрузку CRM или чеки (Файл ▸ Импорт файлов…)</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="162" />
        <source>Matches the name and every phone, e-mail, loyalty card and CRM id of a person, not only the main ones shown, ignoring case; е finds ё. Digits (3 or more, with spaces, +, -, brackets) are the start of a phone: 8 916, +7 916 and 916 find the same people; 6 or more digits also match anywhere in phones, cards and CRM ids. Narrow to one kind with phone:, email:, card:, crm:, name:, id:, gender:, sources: or last: (the last purchase's local date and time, e.g. last:2024-09); several at once: all must match.</source>
        <translation>Ищет по имени и по всем телефонам, e-mail, картам лояльности и CRM id человека, а не только по показанным основным, без учёта регистра; «е» находит и «ё». Цифры (от трёх, с пробелами, +, -, скобками) — начало телефона: 8 916, +7 916 и 916 находят одних и тех же людей; от шести цифр ищутся также в любом месте телефонов, карт и CRM id. Сузить поиск до одного вида: phone:, email:, card:, crm:, name:, id:, gender:, sources: или last: (местные дата и время последней покупки, например last:2024-09); несколько сразу — должны совпасть все.</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="195" />
        <source>Select a person to see the profile.</source>
        <translation>Выберите клиента, чтобы увидеть профиль.</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="202" />
        <source>No workspace open — File ▸ New (Ctrl+N) or Open (Ctrl+O)</source>
        <translation>Рабочая область не открыта — Файл ▸ Новая (Ctrl+N) или Открыть (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="211" />
        <source>Resolving people</source>
        <translation>Объединение профилей клиентов</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="224" />
        <source>%1 of people</source>
        <translation>%1 от всех клиентов</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="259" />
        <source>%1 people</source>
        <translation>Клиентов: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="261" />
        <source>%1 match the filter</source>
        <translation>по фильтру: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="285" />
        <source>Loading profile</source>
        <translation>Загрузка профиля</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="295" />
        <source>male</source>
        <translation>мужской</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="295" />
        <source>female</source>
        <translation>женский</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="329" />
        <source>%1 receipt(s), revenue %2, last purchase %3</source>
        <translation>Чеков: %1, выручка %2, последняя покупка %3</translation>
    </message>
</context>
<context>
    <name>ReceiptsView</name>
    <message>
        <location filename="../../app/views/receipts_view.py" line="22" />
        <source>Receipt</source>
        <translation>Чек</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="23" />
        <source>Local time</source>
        <translation>Местное время</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="24" />
        <location filename="../../app/views/receipts_view.py" line="150" />
        <source>Total, ₽</source>
        <translation>Сумма, ₽</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="25" />
        <location filename="../../app/views/receipts_view.py" line="56" />
        <source>Items</source>
        <translation>Позиции</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="26" />
        <source>Operation</source>
        <translation>Операция</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="27" />
        <location filename="../../app/views/receipts_view.py" line="149" />
        <source>Seller</source>
        <translation>Продавец</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="28" />
        <location filename="../../app/views/receipts_view.py" line="149" />
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="29" />
        <location filename="../../app/views/receipts_view.py" line="149" />
        <source>Register (KKT)</source>
        <translation>Касса (ККТ)</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="30" />
        <source>Retail place</source>
        <translation>Место расчётов</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="31" />
        <source>Card</source>
        <translation>Карта</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="32" />
        <source>Promo code</source>
        <translation>Промокод</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="33" />
        <location filename="../../app/views/receipts_view.py" line="150" />
        <source>Check</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="34" />
        <source>FN</source>
        <translation>ФН</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="35" />
        <source>FD</source>
        <translation>ФД</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="36" />
        <source>FP</source>
        <translation>ФП</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="37" />
        <source>Site</source>
        <translation>Объект</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="52" />
        <location filename="../../app/views/receipts_view.py" line="150" />
        <source>Receipts</source>
        <translation>Чеки</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="53" />
        <source>Fiscal documents (unique by FN + FD + FP) of the chosen sites and period (till's local time)</source>
        <translation>Фискальные документы (уникальные по ФН + ФД + ФП) выбранных объектов за период (по местному времени кассы)</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="54" />
        <source>Revenue</source>
        <translation>Выручка</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="55" />
        <source>Sales less sale returns (and purchases less purchase returns), in roubles</source>
        <translation>Приход за вычетом возвратов прихода (и расход за вычетом возвратов расхода), в рублях</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="56" />
        <source>Receipt lines (goods and services) of these receipts</source>
        <translation>Позиции (товары и услуги) этих чеков</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="57" />
        <source>From unregistered registers</source>
        <translation>С незарегистрированных касс</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="58" />
        <source>Receipts printed by a cash register that is not on the registers list (fraud control); the note says how many such registers</source>
        <translation>Чеки кассы, которой нет в списке касс (контроль мошенничества); в подписи — сколько таких касс</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="60" />
        <source>Another taxpayer's INN</source>
        <translation>ИНН другого налогоплательщика</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="61" />
        <source>Receipts printed by a listed register with another taxpayer's INN (fraud control)</source>
        <translation>Чеки кассы из списка, напечатанные с ИНН другого налогоплательщика (контроль мошенничества)</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="72" />
        <source>Only flagged</source>
        <translation>Только отмеченные</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="89" />
        <source>Registers that do not check out</source>
        <translation>Кассы, не прошедшие проверку</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="71" />
        <source>Filter by seller, INN, register, card, promo code, FN/FD/FP (Ctrl+F)</source>
        <translation>Фильтр по продавцу, ИНН, кассе, карте, промокоду, ФН/ФД/ФП (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="73" />
        <source>Show only receipts from unregistered registers or another INN</source>
        <translation>Показывать только чеки с незарегистрированных касс или с чужим ИНН</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="82" />
        <location filename="../../app/views/receipts_view.py" line="140" />
        <source>No receipts yet — import FNS/OFD receipt JSON, receipt QR strings or a receipts table (File ▸ Import files…)</source>
        <translation>Чеков пока нет — импортируйте JSON чеков ФНС/ОФД, строки QR-кодов чеков или таблицу чеков (Файл ▸ Импорт файлов…)</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="109" />
        <source>No workspace open — File ▸ New (Ctrl+N) or Open (Ctrl+O)</source>
        <translation>Рабочая область не открыта — Файл ▸ Новая (Ctrl+N) или Открыть (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="112" />
        <source>Loading receipts</source>
        <translation>Загрузка чеков</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="130" />
        <source>%1 register(s) · %2 of receipts</source>
        <translation>касс: %1 · %2 чеков</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="134" />
        <source>%1 of receipts</source>
        <translation>%1 от всех чеков</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="137" />
        <source>no registers list imported</source>
        <translation>список касс не импортирован</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="142" />
        <source>No receipts for these sites and period — widen the period or choose all sites.</source>
        <translation>Нет чеков по этим объектам за период — расширьте период или выберите все объекты.</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="151" />
        <source>Last receipt</source>
        <translation>Последний чек</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="154" />
        <source>No registers list in this workspace, so receipts are not checked. Import the known cash registers (CSV site;kkt_reg_id;inn;tenant) to flag receipts from unregistered registers.</source>
        <translation>В рабочей области нет списка касс, поэтому чеки не проверяются. Импортируйте известные кассы (CSV site;kkt_reg_id;inn;tenant), чтобы отмечать чеки с незарегистрированных касс.</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="157" />
        <source>Every receipt comes from a registered register with its own INN.</source>
        <translation>Все чеки пробиты на зарегистрированных кассах со своим ИНН.</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="159" />
        <source>%1 register(s) printed receipts that do not check out against the %2 known register(s).</source>
        <translation>Кассы с чеками, не прошедшими сверку: %1 (известных касс в списке: %2).</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="190" />
        <source>%1 receipts shown</source>
        <translation>Показано чеков: %1</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../app/views/settings_view.py" line="25" />
        <source>Interface</source>
        <translation>Интерфейс</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="33" />
        <source>Language:</source>
        <translation>Язык:</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="37" />
        <source>Hashing secret and privacy</source>
        <translation>Секрет хэширования и приватность</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="43" />
        <source>Export secret…</source>
        <translation>Экспорт секрета…</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="44" />
        <source>Import secret…</source>
        <translation>Импорт секрета…</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="45" />
        <source>Unlock with passphrase…</source>
        <translation>Разблокировать паролем…</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="55" />
        <location filename="../../app/views/settings_view.py" line="200" />
        <source>Sites and sensors</source>
        <translation>Объекты и сенсоры</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="58" />
        <location filename="../../app/views/settings_view.py" line="61" />
        <source>Site</source>
        <translation>Объект</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="58" />
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="58" />
        <source>Time zone</source>
        <translation>Часовой пояс</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="61" />
        <source>Sensor</source>
        <translation>Сенсор</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="61" />
        <source>Inside RSSI ≥ (dBm)</source>
        <translation>Внутри: RSSI ≥ (дБм)</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="61" />
        <source>Outside RSSI &lt; (dBm)</source>
        <translation>Снаружи: RSSI &lt; (дБм)</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="67" />
        <source>new site name</source>
        <translation>новый объект</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="70" />
        <source>Add site</source>
        <translation>Добавить объект</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="72" />
        <source>Save changes</source>
        <translation>Сохранить изменения</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="75" />
        <source>IANA time zone, e.g. Europe/Moscow</source>
        <translation>Часовой пояс IANA, например Europe/Moscow</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="78" />
        <source>new sensor name</source>
        <translation>новый сенсор</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="79" />
        <source>Add sensor</source>
        <translation>Добавить сенсор</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="94" />
        <source>Applies when O2O Workstation starts next time.</source>
        <translation>Вступит в силу при следующем запуске O2O Workstation.</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="100" />
        <source>No workspace open.</source>
        <translation>Рабочая область не открыта.</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="104" />
        <source>kept in this computer's keyring (%1)</source>
        <translation>хранится в связке ключей этого компьютера (%1)</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="105" />
        <source>protected by a passphrase (no usable keyring on this computer)</source>
        <translation>защищён паролем (на этом компьютере нет доступной связки ключей)</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="106" />
        <source>stored in the workspace in the clear — demo workspace, synthetic data only</source>
        <translation>хранится в рабочей области открыто — демо-область, только синтетические данные</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="108" />
        <source>Device hashing secret: </source>
        <translation>Секрет хэширования устройств: </translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="120" />
        <source>Passphrase:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="125" />
        <source>Export secret</source>
        <translation>Экспорт секрета</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="126" />
        <location filename="../../app/views/settings_view.py" line="134" />
        <source>O2O secret (*.o2o-secret)</source>
        <translation>Секрет O2O (*.o2o-secret)</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="127" />
        <source>Protect the exported secret</source>
        <translation>Защитите экспортируемый секрет</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="129" />
        <source>Exporting secret</source>
        <translation>Экспорт секрета</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="130" />
        <source>Secret exported to </source>
        <translation>Секрет сохранён в </translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="134" />
        <location filename="../../app/views/settings_view.py" line="140" />
        <source>Import secret</source>
        <translation>Импорт секрета</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="135" />
        <source>Passphrase of the secret file</source>
        <translation>Пароль файла секрета</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="145" />
        <location filename="../../app/views/settings_view.py" line="150" />
        <source>Unlock workspace</source>
        <translation>Разблокировать рабочую область</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="176" />
        <source>default</source>
        <translation>по умолчанию</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="186" />
        <source>Adding site</source>
        <translation>Добавление объекта</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="194" />
        <source>Adding sensor</source>
        <translation>Добавление сенсора</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="222" />
        <source>Saving sites and sensors</source>
        <translation>Сохранение объектов и сенсоров</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="224" />
        <source>Sites and sensors saved</source>
        <translation>Объекты и сенсоры сохранены</translation>
    </message>
</context>
<context>
    <name>TaskStatus</name>
    <message>
        <location filename="../../app/window.py" line="67" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>Views</name>
    <message>
        <location filename="../../app/views/import_view.py" line="41" />
        <source>Import</source>
        <translation>Импорт</translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="16" />
        <source>Overview</source>
        <translation>Обзор</translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="19" />
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="41" />
        <source>Capture</source>
        <translation>Захват</translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="30" />
        <source>Clusters</source>
        <translation>Кластеры</translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="131" />
        <source>People</source>
        <translation>Клиенты</translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="43" />
        <source>Receipts</source>
        <translation>Чеки</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="45" />
        <source>Visits</source>
        <translation>Визиты</translation>
    </message>
</context>
<context>
    <name>VisitSettingsPanel</name>
    <message>
        <location filename="../../app/views/visit_settings.py" line="41" />
        <source>Thresholds for:</source>
        <translation>Пороги для:</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="55" />
        <source>Visits</source>
        <translation>Визиты</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="56" />
        <source>Staff: more than X h a day on Y of Z days</source>
        <translation>Персонал: более X ч в день в Y из Z дней</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="58" />
        <source>Fixed equipment (always there)</source>
        <translation>Стационарное оборудование (присутствует всегда)</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="79" />
        <source>Sensor</source>
        <translation>Сенсор</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="79" />
        <source>Inside from, dBm</source>
        <translation>Внутри от, дБм</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="79" />
        <source>Outside below, dBm</source>
        <translation>Снаружи ниже, дБм</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="79" />
        <source>Suggested</source>
        <translation>Предложено</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="84" />
        <source>RSSI calibration</source>
        <translation>Калибровка RSSI</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="87" />
        <source>RSSI, dBm</source>
        <translation>RSSI, дБм</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="85" />
        <source>Devices per strongest daily signal level, for each sensor of the site (what the suggestion is fitted to). The line is the inside threshold: drag it, or accept the suggestion, then save.</source>
        <translation>Устройства по самому сильному за день уровню сигнала, для каждого сенсора площадки (по этим данным строится подсказка). Линия — порог «внутри»: перетащите её или примите подсказку, затем сохраните.</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="88" />
        <source>device-days</source>
        <translation>устройство-дни</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="91" />
        <source>Accept suggested thresholds</source>
        <translation>Принять предложенные пороги</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="100" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="102" />
        <source>Save and rebuild visits</source>
        <translation>Сохранить и пересчитать визиты</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="112" />
        <source>Gap that ends a visit</source>
        <translation>Перерыв, завершающий визит</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="112" />
        <source>Minimum visit (shorter = passing by)</source>
        <translation>Мин. визит (короче — прохожий)</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="113" />
        <source>Short visit below</source>
        <translation>Короткий визит — менее</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="114" />
        <source>Inside from (sensors without their own)</source>
        <translation>Внутри от (сенсоры без своего порога)</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="115" />
        <source>X: hours a day, more than</source>
        <translation>X: часов в день, более</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="115" />
        <source>Y: days, at least</source>
        <translation>Y: дней, не менее</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="116" />
        <source>Z: of consecutive days</source>
        <translation>Z: из дней подряд</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="117" />
        <source>Seen on at least, days</source>
        <translation>Замечено не менее, дней</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="117" />
        <source>Hours a day, at least</source>
        <translation>Часов в день, не менее</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="118" />
        <source>Share of the site's days</source>
        <translation>Доля дней работы объекта</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="119" />
        <source>Share of the site's daily span</source>
        <translation>Доля дневного времени работы объекта</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="120" />
        <source>or: share of non-probe frames</source>
        <translation>или: доля кадров, кроме probe</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="121" />
        <source>… on this share of days</source>
        <translation>… в такой доле дней</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="145" />
        <source>Loading thresholds</source>
        <translation>Загрузка порогов</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="152" />
        <source>All sites (workspace defaults)</source>
        <translation>Все объекты (по умолчанию для рабочей области)</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="158" />
        <source>%1 of %2 values set here; the rest inherited</source>
        <translation>Здесь задано значений: %1 из %2; остальные унаследованы</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="162" />
        <source>Inherited: %1</source>
        <translation>Унаследовано: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="219" />
        <source>suggested %1</source>
        <translation>предложено %1</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="262" />
        <source>Saving and rebuilding visits…</source>
        <translation>Сохранение и пересчёт визитов…</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="263" />
        <source>Rebuilding visits with new thresholds</source>
        <translation>Пересчёт визитов с новыми порогами</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="266" />
        <source>Visits rebuilt: %1 visits</source>
        <translation>Визиты пересчитаны, визитов: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="272" />
        <source>Saved. Visits rebuilt in %1 s: %2 visitors' visits, %3 staff devices.</source>
        <translation>Сохранено. Визиты пересчитаны за %1 с: визитов посетителей — %2, устройств персонала — %3.</translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="282" />
        <source> — thresholds are saved; visits are out of date</source>
        <translation> — пороги сохранены; визиты устарели</translation>
    </message>
</context>
<context>
    <name>VisitsView</name>
    <message>
        <location filename="../../app/views/visits_view.py" line="69" />
        <source>Dashboard</source>
        <translation>Дашборд</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="70" />
        <source>Thresholds and calibration</source>
        <translation>Пороги и калибровка</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="86" />
        <location filename="../../app/views/visits_view.py" line="259" />
        <source>No captures yet — drop a .pcap here or start a capture</source>
        <translation>Захватов пока нет — перетащите сюда .pcap или начните захват</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="92" />
        <location filename="../../app/views/visits_view.py" line="267" />
        <source>Build visits</source>
        <translation>Построить визиты</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="97" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="107" />
        <source>Unique visitors</source>
        <translation>Посетители</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="108" />
        <source>Distinct phones (non-randomized MACs) with at least one visit heard inside that is not passing by; staff and fixed equipment excluded</source>
        <translation>Уникальные посетители: телефоны (без случайных MAC) хотя бы с одним визитом внутри, не считая прохождения мимо; устройства персонала и стационарное оборудование исключены</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="110" />
        <location filename="../../app/views/visits_view.py" line="413" />
        <source>Visits</source>
        <translation>Визиты</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="110" />
        <source>Short visits and visits of those phones in the period</source>
        <translation>Короткие и обычные визиты этих телефонов за период</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="111" />
        <location filename="../../app/views/visits_view.py" line="416" />
        <source>Passers-by</source>
        <translation>Прохожие</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="112" />
        <source>Distinct phones seen only passing by: weak signal (outside) or shorter than the minimum visit</source>
        <translation>Уникальные телефоны, замеченные только мимоходом: слабый сигнал (снаружи) или пребывание короче минимального визита</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="113" />
        <source>Capture rate</source>
        <translation>Конверсия</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="114" />
        <source>Unique visitors / (unique visitors + passers-by): the share of people seen who came in</source>
        <translation>Конверсия в посещение: уникальные посетители / (уникальные посетители + прохожие) — доля зашедших среди всех замеченных</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="115" />
        <source>Average dwell</source>
        <translation>Ср. время</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="115" />
        <source>Mean time from first to last detection of a visit (mm:ss)</source>
        <translation>Среднее время пребывания: от первого до последнего обнаружения за визит (мм:сс)</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="116" />
        <source>Median dwell</source>
        <translation>Медиана</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="116" />
        <source>Half of the visits were shorter than this (mm:ss)</source>
        <translation>Медиана времени пребывания: половина визитов короче (мм:сс)</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="117" />
        <source>Return rate</source>
        <translation>Возвратность</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="118" />
        <source>Share of unique visitors with two or more visits in the period; with several sites, visits to any of them count (one visit to A and one to B is a return)</source>
        <translation>Доля уникальных посетителей с двумя и более визитами за период; для нескольких площадок считаются визиты на любую из них (один визит в A и один в B — это возврат)</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="120" />
        <source>Staff devices</source>
        <translation>Персонал</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="121" />
        <source>Phones present more than X h a day on Y of Z days (Thresholds tab); excluded from visitors</source>
        <translation>Устройства персонала: телефоны, присутствующие более X ч в день в Y из Z дней (вкладка «Пороги и калибровка»); не входят в посетителей</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="122" />
        <source>Fixed equipment</source>
        <translation>Стационарные устройства</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="123" />
        <source>Devices there almost always, or mostly not probing (access points, printers, terminals; Thresholds tab); excluded from visitors</source>
        <translation>Устройства, которые почти всегда на месте или почти не шлют пробы (точки доступа, принтеры, терминалы; вкладка «Пороги и калибровка»); в посетителях не учитываются</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="125" />
        <source>Randomized MACs</source>
        <translation>Случайные MAC</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="126" />
        <source>Devices with a randomized (locally administered) MAC; never counted as people</source>
        <translation>Устройства со случайным (локально администрируемым) MAC; никогда не считаются людьми</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="155" />
        <source>Traffic over time</source>
        <translation>Динамика трафика</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="156" />
        <source>Visits started, unique visitors and passers-by per time bucket (site local time). Zoom with the mouse wheel: the visible range is fetched again at a finer bucket.</source>
        <translation>Начатые визиты, уникальные посетители и прохожие по интервалам времени (местное время объекта). Масштаб — колесом мыши: видимый диапазон загружается заново с более мелким шагом.</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="159" />
        <source>Dwell time</source>
        <translation>Время пребывания</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="159" />
        <source>Visits per dwell-time bin, minutes</source>
        <translation>Визиты по интервалам времени пребывания, минуты</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="160" />
        <source>Hour × weekday</source>
        <translation>Час × день недели</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="160" />
        <source>Visits started per local hour and weekday</source>
        <translation>Начатые визиты по часам (местное время) и дням недели</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="161" />
        <source>Returns</source>
        <translation>Возвраты</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="161" />
        <source>Visitors by the number of visits in the period</source>
        <translation>Посетители по числу визитов за период</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="162" />
        <source>New vs returning</source>
        <translation>Новые и вернувшиеся</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="163" />
        <source>Visitors per day (week, month for long periods); returning = visited the site before</source>
        <translation>Посетители по дням (по неделям или месяцам для длинных периодов); вернувшиеся — бывали на объекте раньше</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="175" />
        <source>hour</source>
        <translation>час</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="176" />
        <source>minutes</source>
        <translation>минуты</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="177" />
        <source>visits in the period</source>
        <translation>визитов за период</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="195" />
        <source>Figures per site</source>
        <translation>Показатели по объектам</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="196" />
        <source>Export figures CSV… (Ctrl+E)</source>
        <translation>Экспорт показателей в CSV… (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="203" />
        <source>avg dwell (mm:ss)</source>
        <translation>средняя длительность (мм:сс)</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="204" />
        <source>median dwell (mm:ss)</source>
        <translation>медианная длительность (мм:сс)</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="211" />
        <source>Mon</source>
        <translation>Пн</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="211" />
        <source>Tue</source>
        <translation>Вт</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="211" />
        <source>Wed</source>
        <translation>Ср</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="211" />
        <source>Thu</source>
        <translation>Чт</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="211" />
        <source>Fri</source>
        <translation>Пт</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="212" />
        <source>Sat</source>
        <translation>Сб</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="212" />
        <source>Sun</source>
        <translation>Вс</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="228" />
        <source>No workspace open — File ▸ New (Ctrl+N) or Open (Ctrl+O)</source>
        <translation>Рабочая область не открыта — Файл ▸ Новая (Ctrl+N) или Открыть (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="237" />
        <source>Loading visit figures</source>
        <translation>Загрузка показателей визитов</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="244" />
        <source>Loading visit charts</source>
        <translation>Загрузка графиков визитов</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="268" />
        <source>%1 detections are waiting: build visits to see the dashboard.</source>
        <translation>Ожидают обработки обнаружений: %1. Постройте визиты, чтобы увидеть дашборд.</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="272" />
        <source>Rebuild visits</source>
        <translation>Пересчитать визиты</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="273" />
        <source>Visits are out of date (new detections or changed thresholds).</source>
        <translation>Визиты устарели (новые обнаружения или изменённые пороги).</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="276" />
        <source>No visits at the selected site(s).</source>
        <translation>На выбранных объектах нет визитов.</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="288" />
        <source>Estimating people behind randomized MACs</source>
        <translation>Оценка числа людей за случайными MAC</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="308" />
        <source>%1 · %2 – %3</source>
        <translation>%1 · %2 – %3</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="311" />
        <source>change vs %1 – %2 (the previous period of equal length)</source>
        <translation>изменение к %1 – %2 (предыдущий период той же длины)</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="313" />
        <source>all time: pick a period in the bar above to see the change</source>
        <translation>за всё время: выберите период выше, чтобы видеть изменение</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="318" />
        <source>From %1 visits</source>
        <translation>По визитам: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="332" />
        <source>Estimated people behind them: %1 (range %2–%3)
Method: %4</source>
        <translation>Оценка числа людей за ними: %1 (диапазон %2–%3)
Метод: %4</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="335" />
        <source>≈ %1 people (%2–%3)</source>
        <translation>≈ %1 чел. (%2–%3)</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="342" />
        <source>%1 pp</source>
        <translation>%1 п.п.</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="350" />
        <source>per day</source>
        <translation>за день</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="350" />
        <source>per %1 days</source>
        <translation>за %1 дн.</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="352" />
        <source>per %1 h</source>
        <translation>за %1 ч</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="353" />
        <source>per %1 min</source>
        <translation>за %1 мин</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="360" />
        <source>no data in this period</source>
        <translation>нет данных за период</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="362" />
        <source>no previous data</source>
        <translation>нет данных за прошлый период</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="365" />
        <source>▲ from 0</source>
        <translation>▲ с 0</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="365" />
        <source>no change (0)</source>
        <translation>без изменений (0)</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="402" />
        <source>New</source>
        <translation>Новые</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="403" />
        <source>Returning</source>
        <translation>Вернувшиеся</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="415" />
        <source>Visitors</source>
        <translation>Посетители</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="447" />
        <source>Traffic for the visible range</source>
        <translation>Трафик за видимый диапазон</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="466" />
        <source>Building visits</source>
        <translation>Построение визитов</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="469" />
        <source>Visits built: %1 visits, %2 staff devices</source>
        <translation>Визиты построены: визитов — %1, устройств персонала — %2</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="488" />
        <source>All selected sites</source>
        <translation>Все выбранные площадки</translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="509" />
        <source>Export figures</source>
        <translation>Экспорт показателей</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../app/main.py" line="93" />
        <source>Building the demo workspace</source>
        <translation>Создание демо-области</translation>
    </message>
    <message>
        <location filename="../../app/main.py" line="95" />
        <source>Demo workspace</source>
        <translation>Демо-область</translation>
    </message>
    <message>
        <location filename="../../app/main.py" line="96" />
        <source>Demo workspace ready: </source>
        <translation>Демо-область готова: </translation>
    </message>
</context>
</TS>