<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CaptureView</name>
    <message>
        <location filename="../../app/views/capture_view.py" line="65"/>
        <source>Capture source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="69"/>
        <source>Rescan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="70"/>
        <source>List the network interfaces again (after plugging in an adapter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="71"/>
        <source>Interface:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="83"/>
        <source>no file chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="84"/>
        <source>Replay file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="90"/>
        <source>as fast as possible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="91"/>
        <source>1× = the frames&apos; own pace; 0 = as fast as possible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="94"/>
        <source>Speed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="99"/>
        <source>Channels to hop through, e.g. 1,6,11 or 1-13</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="103"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="104"/>
        <source>Channels:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="106"/>
        <source>Hop every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="111"/>
        <source>site (a new name creates it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="114"/>
        <source>sensor (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="115"/>
        <source>Site:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="117"/>
        <source>Sensor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="120"/>
        <source>Keep raw pcapng files in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="122"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="131"/>
        <source>⚠ Raw capture files hold raw MAC addresses of passers-by (personal data). The workspace keeps only keyed hashes; keep the raw files safe and delete them when done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="138"/>
        <source>Start capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="140"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="150"/>
        <source>Frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="150"/>
        <source>802.11 frames received and stored in the workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="151"/>
        <source>Probe requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="151"/>
        <source>Frames phones send while looking for networks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="152"/>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="152"/>
        <source>Distinct transmitter MACs seen in this capture (stored as keyed hashes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="153"/>
        <source>Dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="153"/>
        <source>Frames lost because the computer could not keep up (buffer full)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="160"/>
        <source>No captures yet — drop a .pcap here or start a capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="162"/>
        <source>Frames per second and new devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="163"/>
        <source>Per stored batch (about one per second): frames received per second, and devices seen for the first time in this capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="165"/>
        <source>seconds since start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="166"/>
        <source>frames/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="167"/>
        <source>new devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="190"/>
        <source>Replay a capture file (demo, no radio needed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="202"/>
        <source>%1 — not wireless</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="204"/>
        <source>%1 — wireless, in monitor mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="205"/>
        <source>monitor mode supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="205"/>
        <source>no monitor mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="206"/>
        <source>monitor mode unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="207"/>
        <source>%1 — wireless, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="216"/>
        <source>Frames of the file go through the same path as a live capture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="222"/>
        <source>This interface is not wireless: it cannot capture Wi-Fi frames.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="224"/>
        <source>Ready: the interface is in monitor mode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="226"/>
        <source>Start switches it to monitor mode (needs root). Otherwise run:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="244"/>
        <source>Last capture: %1

Start a capture, or drop a .pcap here to replay it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="247"/>
        <source>No live captures yet — pick the Wi-Fi adapter and press Start capture, or replay a capture file (drop a .pcap here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="270"/>
        <source>Folder for raw capture files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="275"/>
        <source>Replay a capture file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="276"/>
        <source>Captures (*.pcap *.pcapng *.cap *.dump *.gz);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="296"/>
        <source>Press “Start capture” to replay %1 into the workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="308"/>
        <source>Choose or type the site where the sensor stands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="315"/>
        <source>Choose the capture file to replay (or drop it here).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="318"/>
        <source>Choose an interface.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="323"/>
        <source>Channels: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="371"/>
        <source>Capturing from %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="373"/>
        <source>Capture from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="396"/>
        <source>%1 frames/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="398"/>
        <location filename="../../app/views/capture_view.py" line="425"/>
        <source>from %1 MACs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="400"/>
        <source>+%1 in the last batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="402"/>
        <source>%1 chart updates skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="418"/>
        <source>Stopping: storing the frames still buffered…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="429"/>
        <source>Capture stored in the workspace: %1 frames, %2 probe requests, %3 devices in %4 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="433"/>
        <source>Raw files (raw MAC addresses!): %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartCard</name>
    <message>
        <location filename="../../app/charts.py" line="33"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/charts.py" line="36"/>
        <source>PNG image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/charts.py" line="37"/>
        <source>SVG image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/charts.py" line="38"/>
        <source>CSV figures…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/charts.py" line="109"/>
        <source>Export chart</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClustersView</name>
    <message>
        <location filename="../../app/views/clusters_view.py" line="38"/>
        <source>Number of clusters:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="40"/>
        <source>Automatic (best silhouette, k = 2…8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="44"/>
        <source>Run clustering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="55"/>
        <source>No clusters yet — build visits on the Visits screen, then press Run clustering. Devices are grouped by how often, when and how long they visit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="64"/>
        <source>Devices clustered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="65"/>
        <source>Visitors&apos; phones (non-randomized, not staff or fixed equipment) with at least one visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="66"/>
        <source>Clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="66"/>
        <source>k: chosen by the stated criterion, or by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="67"/>
        <source>Largest cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="67"/>
        <source>Share of devices in the biggest cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="74"/>
        <source>Cluster sizes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="74"/>
        <source>Devices per cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="75"/>
        <source>devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="76"/>
        <source>2-D projection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="77"/>
        <source>Each dot is a device placed by PCA of its behaviour features; colour = cluster (a fixed sample of at most 20 000 devices)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="88"/>
        <source>Profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="89"/>
        <source>Export profiles CSV… (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="103"/>
        <source>No workspace open — File ▸ New (Ctrl+N) or Open (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="106"/>
        <source>Loading clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="124"/>
        <source>Clustering…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="125"/>
        <source>Clustering devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="127"/>
        <source>Clusters: k = %1 over %2 devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="150"/>
        <source>All sites, all time: %1 visitors&apos; devices (randomized MACs, staff and fixed equipment left out), clustered %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="154"/>
        <source>Visits were rebuilt since: run clustering again to follow them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="159"/>
        <source>k = %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="161"/>
        <source>Silhouette per k (higher = better separated clusters): </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="186"/>
        <source>Export profiles</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComparePanel</name>
    <message>
        <location filename="../../app/views/visit_compare.py" line="37"/>
        <location filename="../../app/views/visit_compare.py" line="46"/>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="39"/>
        <source>with another site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="40"/>
        <source>with another period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="63"/>
        <source>Unique visitors by day, A vs B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="64"/>
        <source>Day 1 is the first day of each period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="118"/>
        <source>Comparing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="126"/>
        <source>Short visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="126"/>
        <source>New visitors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="127"/>
        <source>Returning visitors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="127"/>
        <source>Fixed equipment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="128"/>
        <source>Visits per visitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="131"/>
        <source>figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_compare.py" line="134"/>
        <source>A vs B</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContextBar</name>
    <message>
        <location filename="../../app/widgets.py" line="28"/>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/widgets.py" line="39"/>
        <source>Site:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/widgets.py" line="42"/>
        <source>Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/widgets.py" line="59"/>
        <source>All sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/widgets.py" line="61"/>
        <source>No workspace open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/widgets.py" line="63"/>
        <source> (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../app/widgets.py" line="161"/>
        <source>Details…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/widgets.py" line="164"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportSummary</name>
    <message>
        <location filename="../../app/import_summary.py" line="42"/>
        <source>Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="42"/>
        <source>Data rows in the file (the header not counted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="43"/>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="43"/>
        <source>Rows stored as new contacts / receipts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="44"/>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="44"/>
        <source>Rows with no usable key or that the parser refused; each is in the rejects report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="46"/>
        <source>Duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="46"/>
        <source>Rows whose phones, e-mail, card and CRM id were all known before, together in one stored row; not stored again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="63"/>
        <source>Open rejects report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="64"/>
        <source>Export rejects as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="94"/>
        <source>Cancel came too late: the import had already been saved in the workspace. It stays imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="99"/>
        <source>%1 single values dropped from otherwise good rows (in the rejects report)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="102"/>
        <source>%1 further phones kept from the other phone columns (they link the same person)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="105"/>
        <source>Ignored columns: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="125"/>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="125"/>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="125"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="126"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="128"/>
        <source>Rejected rows and dropped values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="129"/>
        <source> (the first %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="131"/>
        <source>full report: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="135"/>
        <source>Loading the rejects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="148"/>
        <source>Export rejects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="149"/>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="157"/>
        <source>Exporting rejects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_summary.py" line="158"/>
        <source>Rejects written to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportView</name>
    <message>
        <location filename="../../app/views/import_view.py" line="18"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="19"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="20"/>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="21"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="22"/>
        <source>Frames / rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="23"/>
        <source>Probe requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="24"/>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="25"/>
        <source>Randomized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="26"/>
        <source>Truncated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="27"/>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="28"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="31"/>
        <source>All supported (*.pcap *.pcapng *.cap *.dump *.gz *.csv *.txt *.kismet *.kismetdb *.json *.xlsx);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="48"/>
        <source>Add files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="49"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="53"/>
        <source>site (new name creates it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="55"/>
        <source>sensor (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="56"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="58"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="63"/>
        <source>Site for captures:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="65"/>
        <source>Sensor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="72"/>
        <source>No files chosen — drop .pcap/.pcapng captures, airodump-ng CSV, Kismet logs, CRM exports or receipts here, or click “Add files…”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="103"/>
        <source>Import files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="116"/>
        <location filename="../../app/views/import_view.py" line="222"/>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="148"/>
        <source>Choose or type the site these captures come from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="154"/>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/import_view.py" line="163"/>
        <source>Importing %n file(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="172"/>
        <source>Import finished: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="185"/>
        <source>yes, %1 bytes lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="208"/>
        <source>mapping…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../app/import_wizard.py" line="31"/>
        <source>phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="32"/>
        <source>e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="33"/>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="34"/>
        <source>birth date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="35"/>
        <source>gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="36"/>
        <source>loyalty card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="37"/>
        <source>consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="38"/>
        <source>id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="39"/>
        <source>FN (fiscal drive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="40"/>
        <source>FD (document no.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="41"/>
        <source>FP (fiscal sign)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="42"/>
        <source>date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="43"/>
        <source>total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="44"/>
        <source>operation type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="45"/>
        <source>register (KKT) no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="46"/>
        <source>INN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="47"/>
        <source>promo code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="48"/>
        <source>buyer phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="49"/>
        <source>buyer e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="50"/>
        <source>ignore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="52"/>
        <source>CRM export (customers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="53"/>
        <source>Receipts table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="99"/>
        <source>Import %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="125"/>
        <source>&lt; Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="126"/>
        <source>Next &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="127"/>
        <location filename="../../app/import_wizard.py" line="531"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="128"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="129"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="164"/>
        <source>detected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="165"/>
        <source>The line (sheet row) the column names are on, when the one detected below a title is not it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="167"/>
        <location filename="../../app/import_wizard.py" line="281"/>
        <source>Reading the first rows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="169"/>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="170"/>
        <source>What it holds:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="171"/>
        <source>Encoding:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="172"/>
        <source>Delimiter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="174"/>
        <source>Header on line:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="180"/>
        <source>The first records as decoded with this encoding and split by this delimiter: garbled letters mean the wrong encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="182"/>
        <source>First records:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="209"/>
        <source>Load mapping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="210"/>
        <source>Save mapping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="215"/>
        <source>&lt;b&gt;The file&lt;/b&gt; — choose what each column holds:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="218"/>
        <source>&lt;b&gt;What the import will store&lt;/b&gt; — red cells are dropped, amber ones kept with a warning (hover for the reason):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="235"/>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="250"/>
        <source>1 · File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="250"/>
        <source>2 · Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="250"/>
        <source>3 · Importing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="251"/>
        <source>4 · Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="283"/>
        <source>Reading %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="290"/>
        <source>Cannot read this file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="306"/>
        <source>Detected: %1 columns, encoding %2, delimiter %3. Change them if the preview looks wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="310"/>
        <source>Workbook sheet “%1”, %2 columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="313"/>
        <source>The header is on line %1; the title above it is skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="324"/>
        <source>This mapping was remembered from the last file of the same shape.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="326"/>
        <source>Mapping proposed from the column names and contents; check it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="342"/>
        <source>role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="390"/>
        <source>Preview of normalised values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="442"/>
        <source>Map at least one column to phone, e-mail or loyalty card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="444"/>
        <source>A receipts table needs the FN, FD and FP columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="460"/>
        <source>Save mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="461"/>
        <location filename="../../app/import_wizard.py" line="471"/>
        <source>Mapping (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="467"/>
        <source>Saving mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="471"/>
        <source>Load mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="481"/>
        <source>Loading mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="500"/>
        <source>Importing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="515"/>
        <source>The import is saved; it can no longer be cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="517"/>
        <source>Import saved; writing the rejects report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="551"/>
        <source>Import saved; finishing the rejects report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="552"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="160"/>
        <source>The sheet of the workbook to import; each sheet is its own import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/import_wizard.py" line="173"/>
        <source>Sheet:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/window.py" line="146"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="147"/>
        <source>&amp;New workspace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="148"/>
        <source>&amp;Open workspace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="149"/>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="152"/>
        <source>&amp;Import files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="153"/>
        <source>&amp;Export current view…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="155"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="156"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="157"/>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="158"/>
        <source>&amp;Filter table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="159"/>
        <source>&amp;Cancel running task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="167"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="189"/>
        <source>New workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="189"/>
        <location filename="../../app/window.py" line="195"/>
        <source>O2O workspace (*.o2o)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="195"/>
        <source>Open workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="211"/>
        <source>Cannot open workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="222"/>
        <source>Type a passphrase to protect this workspace&apos;s hashing secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="223"/>
        <location filename="../../app/window.py" line="226"/>
        <location filename="../../app/window.py" line="229"/>
        <source>Protect the workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="226"/>
        <source>Type it again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="229"/>
        <source>The passphrases differ; nothing was created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="236"/>
        <source>Unlock workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="285"/>
        <source>Reading the data period</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotificationArea</name>
    <message>
        <location filename="../../app/window.py" line="37"/>
        <source>Notifications: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="44"/>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OverviewView</name>
    <message>
        <location filename="../../app/views/overview.py" line="30"/>
        <location filename="../../app/views/overview.py" line="55"/>
        <source>Sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="30"/>
        <source>Stores, malls, dealer centres and events in this workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="31"/>
        <location filename="../../app/views/overview.py" line="56"/>
        <source>Sensors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="31"/>
        <source>Wi-Fi sensors that delivered captures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="32"/>
        <source>Imported files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="32"/>
        <source>Files that landed in the workspace (rejected rows counted per file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="33"/>
        <source>Detections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="33"/>
        <source>Frames kept from captures: one row per phone seen by a sensor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="34"/>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="34"/>
        <source>Distinct station MACs (kept only as keyed hashes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="35"/>
        <source>CRM contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="35"/>
        <source>Rows imported from CRM exports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="36"/>
        <source>Receipts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="36"/>
        <source>Fiscal receipts imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="42"/>
        <source>Nothing imported yet — drop capture files (.pcap, .pcapng), CRM exports or receipts on this window, or use File ▸ Import files… (Ctrl+I).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="46"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="46"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="46"/>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="47"/>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="47"/>
        <source>Inside RSSI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="47"/>
        <source>Outside RSSI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="48"/>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="48"/>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="48"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="49"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="49"/>
        <source>Rows read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="49"/>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="50"/>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="50"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="50"/>
        <source>Finished (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="57"/>
        <source>Tables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="61"/>
        <source>Imports log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="71"/>
        <source>No workspace open — File ▸ New (Ctrl+N) or Open (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="73"/>
        <source>Loading overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="80"/>
        <source> · demo workspace (synthetic data)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PeopleView</name>
    <message>
        <location filename="../../app/views/people_view.py" line="27"/>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="28"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="29"/>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="30"/>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="31"/>
        <source>Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="32"/>
        <source>CRM id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="33"/>
        <source>Gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="34"/>
        <source>Birth date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="35"/>
        <source>Consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="36"/>
        <location filename="../../app/views/people_view.py" line="64"/>
        <source>Phones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="37"/>
        <location filename="../../app/views/people_view.py" line="64"/>
        <source>E-mails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="38"/>
        <source>Cards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="39"/>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="40"/>
        <source>Receipts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="41"/>
        <source>Revenue, ₽</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="42"/>
        <source>Last purchase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="43"/>
        <source>Sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="65"/>
        <source>Loyalty cards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="66"/>
        <source>CRM ids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="67"/>
        <source>Devices (keyed hash)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="142"/>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="143"/>
        <source>Resolved persons: CRM rows, receipts and partner matches that share a phone, e-mail, card or CRM id are one person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="145"/>
        <source>With phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="145"/>
        <source>People with at least one valid phone (E.164)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="146"/>
        <source>With e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="146"/>
        <source>People with at least one valid e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="147"/>
        <source>With card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="147"/>
        <source>People with at least one loyalty card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="148"/>
        <source>With device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="149"/>
        <source>People linked to a (non-randomized) phone seen by the sensors, through a partner match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="150"/>
        <source>With receipts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="151"/>
        <source>People with at least one fiscal receipt (by buyer phone, e-mail or loyalty card)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="160"/>
        <source>Filter by name or any phone, e-mail, card, CRM id; phone:916, email:, card:, name:, last: (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="345"/>
        <source>%1 visit(s) (%2 short) at %3, %4 h in total, last %5 (local time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="350"/>
        <source>walked past %1 time(s) without coming in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="353"/>
        <source>no visits of the linked device(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="354"/>
        <source>no device linked (a device joins a person through a partner match)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="176"/>
        <location filename="../../app/views/people_view.py" line="226"/>
        <source>No people yet — import a CRM export or receipts (File ▸ Import files…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="162"/>
        <source>Matches the name and every phone, e-mail, loyalty card and CRM id of a person, not only the main ones shown, ignoring case; е finds ё. Digits (3 or more, with spaces, +, -, brackets) are the start of a phone: 8 916, +7 916 and 916 find the same people; 6 or more digits also match anywhere in phones, cards and CRM ids. Narrow to one kind with phone:, email:, card:, crm:, name:, id:, gender:, sources: or last: (the last purchase&apos;s local date and time, e.g. last:2024-09); several at once: all must match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="195"/>
        <source>Select a person to see the profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="202"/>
        <source>No workspace open — File ▸ New (Ctrl+N) or Open (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="211"/>
        <source>Resolving people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="224"/>
        <source>%1 of people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="259"/>
        <source>%1 people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="261"/>
        <source>%1 match the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="285"/>
        <source>Loading profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="295"/>
        <source>male</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="295"/>
        <source>female</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="329"/>
        <source>%1 receipt(s), revenue %2, last purchase %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceiptsView</name>
    <message>
        <location filename="../../app/views/receipts_view.py" line="22"/>
        <source>Receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="23"/>
        <source>Local time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="24"/>
        <location filename="../../app/views/receipts_view.py" line="150"/>
        <source>Total, ₽</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="25"/>
        <location filename="../../app/views/receipts_view.py" line="56"/>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="26"/>
        <source>Operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="27"/>
        <location filename="../../app/views/receipts_view.py" line="149"/>
        <source>Seller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="28"/>
        <location filename="../../app/views/receipts_view.py" line="149"/>
        <source>INN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="29"/>
        <location filename="../../app/views/receipts_view.py" line="149"/>
        <source>Register (KKT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="30"/>
        <source>Retail place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="31"/>
        <source>Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="32"/>
        <source>Promo code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="33"/>
        <location filename="../../app/views/receipts_view.py" line="150"/>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="34"/>
        <source>FN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="35"/>
        <source>FD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="36"/>
        <source>FP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="37"/>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="52"/>
        <location filename="../../app/views/receipts_view.py" line="150"/>
        <source>Receipts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="53"/>
        <source>Fiscal documents (unique by FN + FD + FP) of the chosen sites and period (till&apos;s local time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="54"/>
        <source>Revenue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="55"/>
        <source>Sales less sale returns (and purchases less purchase returns), in roubles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="56"/>
        <source>Receipt lines (goods and services) of these receipts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="57"/>
        <source>From unregistered registers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="58"/>
        <source>Receipts printed by a cash register that is not on the registers list (fraud control); the note says how many such registers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="60"/>
        <source>Another taxpayer&apos;s INN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="61"/>
        <source>Receipts printed by a listed register with another taxpayer&apos;s INN (fraud control)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="72"/>
        <source>Only flagged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="89"/>
        <source>Registers that do not check out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="71"/>
        <source>Filter by seller, INN, register, card, promo code, FN/FD/FP (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="73"/>
        <source>Show only receipts from unregistered registers or another INN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="82"/>
        <location filename="../../app/views/receipts_view.py" line="140"/>
        <source>No receipts yet — import FNS/OFD receipt JSON, receipt QR strings or a receipts table (File ▸ Import files…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="109"/>
        <source>No workspace open — File ▸ New (Ctrl+N) or Open (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="112"/>
        <source>Loading receipts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="130"/>
        <source>%1 register(s) · %2 of receipts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="134"/>
        <source>%1 of receipts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="137"/>
        <source>no registers list imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="142"/>
        <source>No receipts for these sites and period — widen the period or choose all sites.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="151"/>
        <source>Last receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="154"/>
        <source>No registers list in this workspace, so receipts are not checked. Import the known cash registers (CSV site;kkt_reg_id;inn;tenant) to flag receipts from unregistered registers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="157"/>
        <source>Every receipt comes from a registered register with its own INN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="159"/>
        <source>%1 register(s) printed receipts that do not check out against the %2 known register(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="190"/>
        <source>%1 receipts shown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../app/views/settings_view.py" line="25"/>
        <source>Interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="33"/>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="37"/>
        <source>Hashing secret and privacy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="43"/>
        <source>Export secret…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="44"/>
        <source>Import secret…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="45"/>
        <source>Unlock with passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="55"/>
        <location filename="../../app/views/settings_view.py" line="200"/>
        <source>Sites and sensors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="58"/>
        <location filename="../../app/views/settings_view.py" line="61"/>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="58"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="58"/>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="61"/>
        <source>Sensor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="61"/>
        <source>Inside RSSI ≥ (dBm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="61"/>
        <source>Outside RSSI &lt; (dBm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="67"/>
        <source>new site name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="70"/>
        <source>Add site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="72"/>
        <source>Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="75"/>
        <source>IANA time zone, e.g. Europe/Moscow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="78"/>
        <source>new sensor name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="79"/>
        <source>Add sensor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="94"/>
        <source>Applies when O2O Workstation starts next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="100"/>
        <source>No workspace open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="104"/>
        <source>kept in this computer&apos;s keyring (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="105"/>
        <source>protected by a passphrase (no usable keyring on this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="106"/>
        <source>stored in the workspace in the clear — demo workspace, synthetic data only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="108"/>
        <source>Device hashing secret: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="120"/>
        <source>Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="125"/>
        <source>Export secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="126"/>
        <location filename="../../app/views/settings_view.py" line="134"/>
        <source>O2O secret (*.o2o-secret)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="127"/>
        <source>Protect the exported secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="129"/>
        <source>Exporting secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="130"/>
        <source>Secret exported to </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="134"/>
        <location filename="../../app/views/settings_view.py" line="140"/>
        <source>Import secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="135"/>
        <source>Passphrase of the secret file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="145"/>
        <location filename="../../app/views/settings_view.py" line="150"/>
        <source>Unlock workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="176"/>
        <source>default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="186"/>
        <source>Adding site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="194"/>
        <source>Adding sensor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="222"/>
        <source>Saving sites and sensors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="224"/>
        <source>Sites and sensors saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskStatus</name>
    <message>
        <location filename="../../app/window.py" line="67"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Views</name>
    <message>
        <location filename="../../app/views/import_view.py" line="41"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="16"/>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="19"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/capture_view.py" line="41"/>
        <source>Capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/clusters_view.py" line="30"/>
        <source>Clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/people_view.py" line="131"/>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/receipts_view.py" line="43"/>
        <source>Receipts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="45"/>
        <source>Visits</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitSettingsPanel</name>
    <message>
        <location filename="../../app/views/visit_settings.py" line="41"/>
        <source>Thresholds for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="55"/>
        <source>Visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="56"/>
        <source>Staff: more than X h a day on Y of Z days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="58"/>
        <source>Fixed equipment (always there)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="79"/>
        <source>Sensor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="79"/>
        <source>Inside from, dBm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="79"/>
        <source>Outside below, dBm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="79"/>
        <source>Suggested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="84"/>
        <source>RSSI calibration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="87"/>
        <source>RSSI, dBm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="85"/>
        <source>Devices per strongest daily signal level, for each sensor of the site (what the suggestion is fitted to). The line is the inside threshold: drag it, or accept the suggestion, then save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="88"/>
        <source>device-days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="91"/>
        <source>Accept suggested thresholds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="100"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="102"/>
        <source>Save and rebuild visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="112"/>
        <source>Gap that ends a visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="112"/>
        <source>Minimum visit (shorter = passing by)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="113"/>
        <source>Short visit below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="114"/>
        <source>Inside from (sensors without their own)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="115"/>
        <source>X: hours a day, more than</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="115"/>
        <source>Y: days, at least</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="116"/>
        <source>Z: of consecutive days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="117"/>
        <source>Seen on at least, days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="117"/>
        <source>Hours a day, at least</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="118"/>
        <source>Share of the site&apos;s days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="119"/>
        <source>Share of the site&apos;s daily span</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="120"/>
        <source>or: share of non-probe frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="121"/>
        <source>… on this share of days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="145"/>
        <source>Loading thresholds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="152"/>
        <source>All sites (workspace defaults)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="158"/>
        <source>%1 of %2 values set here; the rest inherited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="162"/>
        <source>Inherited: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="219"/>
        <source>suggested %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="262"/>
        <source>Saving and rebuilding visits…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="263"/>
        <source>Rebuilding visits with new thresholds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="266"/>
        <source>Visits rebuilt: %1 visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="272"/>
        <source>Saved. Visits rebuilt in %1 s: %2 visitors&apos; visits, %3 staff devices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visit_settings.py" line="282"/>
        <source> — thresholds are saved; visits are out of date</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitsView</name>
    <message>
        <location filename="../../app/views/visits_view.py" line="69"/>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="70"/>
        <source>Thresholds and calibration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="86"/>
        <location filename="../../app/views/visits_view.py" line="259"/>
        <source>No captures yet — drop a .pcap here or start a capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="92"/>
        <location filename="../../app/views/visits_view.py" line="267"/>
        <source>Build visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="97"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="107"/>
        <source>Unique visitors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="108"/>
        <source>Distinct phones (non-randomized MACs) with at least one visit heard inside that is not passing by; staff and fixed equipment excluded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="110"/>
        <location filename="../../app/views/visits_view.py" line="413"/>
        <source>Visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="110"/>
        <source>Short visits and visits of those phones in the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="111"/>
        <location filename="../../app/views/visits_view.py" line="416"/>
        <source>Passers-by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="112"/>
        <source>Distinct phones seen only passing by: weak signal (outside) or shorter than the minimum visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="113"/>
        <source>Capture rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="114"/>
        <source>Unique visitors / (unique visitors + passers-by): the share of people seen who came in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="115"/>
        <source>Average dwell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="115"/>
        <source>Mean time from first to last detection of a visit (mm:ss)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="116"/>
        <source>Median dwell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="116"/>
        <source>Half of the visits were shorter than this (mm:ss)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="117"/>
        <source>Return rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="118"/>
        <source>Share of unique visitors with two or more visits in the period; with several sites, visits to any of them count (one visit to A and one to B is a return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="120"/>
        <source>Staff devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="121"/>
        <source>Phones present more than X h a day on Y of Z days (Thresholds tab); excluded from visitors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="122"/>
        <source>Fixed equipment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="123"/>
        <source>Devices there almost always, or mostly not probing (access points, printers, terminals; Thresholds tab); excluded from visitors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="125"/>
        <source>Randomized MACs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="126"/>
        <source>Devices with a randomized (locally administered) MAC; never counted as people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="155"/>
        <source>Traffic over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="156"/>
        <source>Visits started, unique visitors and passers-by per time bucket (site local time). Zoom with the mouse wheel: the visible range is fetched again at a finer bucket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="159"/>
        <source>Dwell time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="159"/>
        <source>Visits per dwell-time bin, minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="160"/>
        <source>Hour × weekday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="160"/>
        <source>Visits started per local hour and weekday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="161"/>
        <source>Returns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="161"/>
        <source>Visitors by the number of visits in the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="162"/>
        <source>New vs returning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="163"/>
        <source>Visitors per day (week, month for long periods); returning = visited the site before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="175"/>
        <source>hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="176"/>
        <source>minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="177"/>
        <source>visits in the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="195"/>
        <source>Figures per site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="196"/>
        <source>Export figures CSV… (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="203"/>
        <source>avg dwell (mm:ss)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="204"/>
        <source>median dwell (mm:ss)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="211"/>
        <source>Mon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="211"/>
        <source>Tue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="211"/>
        <source>Wed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="211"/>
        <source>Thu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="211"/>
        <source>Fri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="212"/>
        <source>Sat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="212"/>
        <source>Sun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="228"/>
        <source>No workspace open — File ▸ New (Ctrl+N) or Open (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="237"/>
        <source>Loading visit figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="244"/>
        <source>Loading visit charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="268"/>
        <source>%1 detections are waiting: build visits to see the dashboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="272"/>
        <source>Rebuild visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="273"/>
        <source>Visits are out of date (new detections or changed thresholds).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="276"/>
        <source>No visits at the selected site(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="288"/>
        <source>Estimating people behind randomized MACs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="308"/>
        <source>%1 · %2 – %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="311"/>
        <source>change vs %1 – %2 (the previous period of equal length)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="313"/>
        <source>all time: pick a period in the bar above to see the change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="318"/>
        <source>From %1 visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="332"/>
        <source>Estimated people behind them: %1 (range %2–%3)
Method: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="335"/>
        <source>≈ %1 people (%2–%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="342"/>
        <source>%1 pp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="350"/>
        <source>per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="350"/>
        <source>per %1 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="352"/>
        <source>per %1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="353"/>
        <source>per %1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="360"/>
        <source>no data in this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="362"/>
        <source>no previous data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="365"/>
        <source>▲ from 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="365"/>
        <source>no change (0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="402"/>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="403"/>
        <source>Returning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="415"/>
        <source>Visitors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="447"/>
        <source>Traffic for the visible range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="466"/>
        <source>Building visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="469"/>
        <source>Visits built: %1 visits, %2 staff devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="488"/>
        <source>All selected sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/visits_view.py" line="509"/>
        <source>Export figures</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../app/main.py" line="93"/>
        <source>Building the demo workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/main.py" line="95"/>
        <source>Demo workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/main.py" line="96"/>
        <source>Demo workspace ready: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
