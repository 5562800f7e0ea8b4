<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ContextBar</name>
    <message>
        <location filename="../../app/widgets.py" line="28"/>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/widgets.py" line="36"/>
        <source>Site:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/widgets.py" line="39"/>
        <source>Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/widgets.py" line="56"/>
        <source>All sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/widgets.py" line="58"/>
        <source>No workspace open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/widgets.py" line="60"/>
        <source> (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../app/widgets.py" line="136"/>
        <source>Details…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/widgets.py" line="139"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportView</name>
    <message>
        <location filename="../../app/views/import_view.py" line="16"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="17"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="18"/>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="19"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="20"/>
        <source>Frames / rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="21"/>
        <source>Probe requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="22"/>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="23"/>
        <source>Randomized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="24"/>
        <source>Truncated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="25"/>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="26"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="29"/>
        <source>All supported (*.pcap *.pcapng *.cap *.dump *.gz *.csv *.txt *.kismet *.kismetdb *.json *.xlsx);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="46"/>
        <source>Add files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="47"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="51"/>
        <source>site (new name creates it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="53"/>
        <source>sensor (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="54"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="56"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="61"/>
        <source>Site for captures:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="63"/>
        <source>Sensor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="70"/>
        <source>No files chosen — drop .pcap/.pcapng captures, airodump-ng CSV, Kismet logs, CRM exports or receipts here, or click “Add files…”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="101"/>
        <source>Import files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="114"/>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="145"/>
        <source>Choose or type the site these captures come from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="151"/>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/import_view.py" line="160"/>
        <source>Importing %n file(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="169"/>
        <source>Import finished: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/import_view.py" line="182"/>
        <source>yes, %1 bytes lost</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/window.py" line="144"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="145"/>
        <source>&amp;New workspace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="146"/>
        <source>&amp;Open workspace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="147"/>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="150"/>
        <source>&amp;Import files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="151"/>
        <source>&amp;Export current view…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="153"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="154"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="155"/>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="156"/>
        <source>&amp;Filter table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="157"/>
        <source>&amp;Cancel running task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="165"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="187"/>
        <source>New workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="187"/>
        <location filename="../../app/window.py" line="193"/>
        <source>O2O workspace (*.o2o)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="193"/>
        <source>Open workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/window.py" line="203"/>
        <source>Cannot open workspace</source>
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
        <location filename="../../app/views/overview.py" line="41"/>
        <location filename="../../app/views/overview.py" line="59"/>
        <source>Sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="41"/>
        <source>Stores, malls, dealer centres and events in this workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="42"/>
        <location filename="../../app/views/overview.py" line="60"/>
        <source>Sensors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="42"/>
        <source>Wi-Fi sensors that delivered captures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="43"/>
        <source>Imported files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="43"/>
        <source>Files that landed in the workspace (rejected rows counted per file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="44"/>
        <source>Detections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="44"/>
        <source>Frames kept from captures: one row per phone seen by a sensor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="45"/>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="45"/>
        <source>Distinct station MACs (kept only as keyed hashes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="46"/>
        <source>CRM contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="46"/>
        <source>Rows imported from CRM exports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="47"/>
        <source>Receipts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="47"/>
        <source>Fiscal receipts imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="53"/>
        <source>Nothing imported yet — drop capture files (.pcap, .pcapng), CRM exports or receipts on this window, or use File ▸ Import files… (Ctrl+I).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="61"/>
        <source>Tables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="65"/>
        <source>Imports log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="75"/>
        <source>No workspace open — File ▸ New (Ctrl+N) or Open (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="77"/>
        <source>Loading overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="84"/>
        <source> · demo workspace (synthetic data)</source>
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
        <location filename="../../app/views/settings_view.py" line="86"/>
        <source>Applies when O2O Workstation starts next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="92"/>
        <source>No workspace open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="96"/>
        <source>kept in this computer&apos;s keyring (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="97"/>
        <source>protected by a passphrase (no usable keyring on this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="98"/>
        <source>stored in the workspace in the clear — demo workspace, synthetic data only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="100"/>
        <source>Device hashing secret: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="112"/>
        <source>Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="117"/>
        <source>Export secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="118"/>
        <location filename="../../app/views/settings_view.py" line="126"/>
        <source>O2O secret (*.o2o-secret)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="119"/>
        <source>Protect the exported secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="121"/>
        <source>Exporting secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="122"/>
        <source>Secret exported to </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="126"/>
        <location filename="../../app/views/settings_view.py" line="132"/>
        <source>Import secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="127"/>
        <source>Passphrase of the secret file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="137"/>
        <location filename="../../app/views/settings_view.py" line="142"/>
        <source>Unlock workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="165"/>
        <source>default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="175"/>
        <source>Adding site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="198"/>
        <source>Saving sites and sensors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="200"/>
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
        <location filename="../../app/views/import_view.py" line="39"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/overview.py" line="27"/>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/views/settings_view.py" line="19"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../app/main.py" line="89"/>
        <source>Building the demo workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/main.py" line="91"/>
        <source>Demo workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/main.py" line="92"/>
        <source>Demo workspace ready: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
