<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AddSignupDialog</name>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="304" />
        <source>Add a signup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="308" />
        <source>Search people by name, phone or email</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="314" />
        <source>(the whole event)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="324" />
        <source>Shift</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="325" />
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="327" />
        <source>Sign up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="358" />
        <source>Find and pick a person first.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="307" />
        <source>Assign volunteers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="312" />
        <source>(keep the current captain)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="338" />
        <source>Turf: {name}</source>
        <translation>Territorio: {name}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="339" />
        <source>Captain:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="341" />
        <source>Canvassers:</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>BrokenPage</name>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="57" />
        <source>This page could not be opened: {error}
The details are in the log file.</source>
        <translation>No se pudo abrir esta página: {error}
Los detalles están en el archivo de registro.</translation>
    </message>
</context>
<context>
    <name>CheckInDialog</name>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="242" />
        <source>Check-in: {title}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="263" />
        <source>Type a name, phone number or email, then Enter to check in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="281" />
        <source>Walk-in… (Ctrl+N)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="283" />
        <source>Check in (Enter)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="286" />
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="337" />
        <source>{arrived:,} arrived / {rsvps:,} RSVPs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="339" />
        <source>{a} of the RSVPs, {w} walk-ins, {q} waitlisted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="349" />
        <source>Nobody matches. Press Ctrl+N to add a walk-in.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="360" />
        <source>Checking in…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="369" />
        <source>{name} was already checked in.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="373" />
        <source>✓ {name} checked in.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CutDialog</name>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="277" />
        <source>Cut turfs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="282" />
        <source> doors</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="283" />
        <source>About this many doors a turf:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="285" />
        <source>Cut only {turf} (it is replaced by its parts)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="286" />
        <source>Cut only the selected turf</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="290" />
        <source>Otherwise the doors that have no turf yet are cut. Buildings are never split; each turf gets a polygon and a name.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DoorDetailPane</name>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="111" />
        <source>Select a door to see its household and contact history.</source>
        <translation>Elija una puerta para ver su hogar y su historial de contactos.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="124" />
        <source>Unit {unit}</source>
        <translation>Unidad {unit}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="130" />
        <source>Turf: {name}</source>
        <translation>Territorio: {name}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="132" />
        <source>{n} units in this building</source>
        <translation>{n} unidades en este edificio</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="137" />
        <source>Do not knock</source>
        <translation>No tocar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="141" />
        <source>Household ({n})</source>
        <translation>Hogar ({n})</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="154" />
        <source>Nobody is listed at this door.</source>
        <translation>No hay nadie registrado en esta puerta.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="155" />
        <source>Contact history</source>
        <translation>Historial de contactos</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../fieldapp/ui/errordialog.py" line="28" />
        <source>Field App</source>
        <translation>Field App</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/errordialog.py" line="48" />
        <source>Something went wrong</source>
        <translation>Algo salió mal</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/errordialog.py" line="50" />
        <source>Field App ran into a problem while: {doing}.</source>
        <translation>Field App tuvo un problema mientras hacía esto: {doing}.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/errordialog.py" line="52" />
        <source>Field App ran into a problem it did not expect.</source>
        <translation>Field App tuvo un problema inesperado.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/errordialog.py" line="55" />
        <source>Your saved data is safe: every change is written in one piece or not at all. The details are in the log file in {folder}; please send it to your data team.

{error}</source>
        <translation>Sus datos guardados están a salvo: cada cambio se escribe completo o no se escribe. Los detalles están en el archivo de registro en {folder}; envíelo a su equipo de datos.

{error}</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="129" />
        <source>Edit event</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="129" />
        <source>New event</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="147" />
        <source>latitude, e.g. 43.0389</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="148" />
        <source>longitude, e.g. -87.9065</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="154" />
        <source>no limit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="165" />
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="166" />
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="167" />
        <source>Description</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="168" />
        <source>Starts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="169" />
        <source>Ends</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="170" />
        <source>Time zone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="171" />
        <source>Place</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="172" />
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="173" />
        <source>Map pin</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="174" />
        <source>Capacity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="175" />
        <source>Hosts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="177" />
        <source>Save event</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="218" />
        <source>{what}: {text!r} is not a number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="231" />
        <source>Latitude</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="231" />
        <source>Longitude</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="59" />
        <location filename="../../fieldapp/ui/import_wizard.py" line="88" />
        <source>Choose a voter file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="61" />
        <source>A CSV or tab-separated file with one person per row. The encoding, the separator and most column names are recognised for you.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="66" />
        <source>Path to a .csv or .txt file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="67" />
        <source>Browse…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="73" />
        <source>Guess from the column names</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="75" />
        <source>Saved mapping: {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="77" />
        <source>Mapping:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="89" />
        <source>Voter files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="249" />
        <source>Import a voter file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="280" />
        <source>Importing {file}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="18" />
        <source>Canvassed</source>
        <translation>Contactado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="19" />
        <source>Not home</source>
        <translation>No está en casa</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="20" />
        <source>Refused</source>
        <translation>Rechazó</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="21" />
        <source>Moved</source>
        <translation>Se mudó</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="22" />
        <source>Deceased</source>
        <translation>Fallecido</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="23" />
        <source>Inaccessible</source>
        <translation>Inaccesible</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="24" />
        <source>Hostile</source>
        <translation>Hostil</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="25" />
        <source>Language barrier</source>
        <translation>Barrera de idioma</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="26" />
        <source>Come back</source>
        <translation>Volver más tarde</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="27" />
        <source>Do not knock</source>
        <translation>No tocar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="33" />
        <source>Canvass launch</source>
        <translation>Salida de puerta a puerta</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="34" />
        <source>House party</source>
        <translation>Reunión en casa</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="35" />
        <source>Phone bank</source>
        <translation>Banco telefónico</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="36" />
        <source>Rally</source>
        <translation>Manifestación</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="37" />
        <source>Training</source>
        <translation>Capacitación</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="38" />
        <source>Summit</source>
        <translation>Cumbre</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="44" />
        <source>Open</source>
        <translation>Abierto</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="45" />
        <source>Assigned</source>
        <translation>Asignado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="46" />
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="47" />
        <source>Done</source>
        <translation>Terminado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="53" />
        <source>Invited</source>
        <translation>Invitado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="54" />
        <source>Scheduled</source>
        <translation>Programado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="55" />
        <source>Confirmed</source>
        <translation>Confirmado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="56" />
        <source>Completed</source>
        <translation>Completado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="57" />
        <source>No-show</source>
        <translation>No se presentó</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="58" />
        <source>Declined</source>
        <translation>Declinó</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="64" />
        <source>Captain</source>
        <translation>Capitán</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="65" />
        <source>Canvasser</source>
        <translation>Voluntario de puerta a puerta</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="66" />
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="71" />
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="71" />
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="85" />
        <source>1 strong support</source>
        <translation>1 apoyo firme</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="86" />
        <source>2 lean support</source>
        <translation>2 tiende a apoyar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="87" />
        <source>3 undecided</source>
        <translation>3 indeciso</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="88" />
        <source>4 lean oppose</source>
        <translation>4 tiende a oponerse</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="89" />
        <source>5 strong oppose</source>
        <translation>5 se opone firmemente</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <location filename="../../fieldapp/app.py" line="183" />
        <source>Opening the store…</source>
        <translation>Abriendo el almacén de datos…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/app.py" line="191" />
        <source>Cannot open the store</source>
        <translation>No se puede abrir el almacén de datos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/app.py" line="194" />
        <source>opening the store</source>
        <translation>abrir el almacén de datos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/app.py" line="231" />
        <source>Seeding the demo campaign…</source>
        <translation>Creando la campaña de demostración…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="184" />
        <source>Store: {where}</source>
        <translation>Almacén: {where}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="262" />
        <source>No campaign yet</source>
        <translation>Todavía no hay campaña</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="116" />
        <source>Check the columns</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="118" />
        <source>Each column of the file goes to the field chosen below it. Change any that are wrong; choose 'not imported' to leave a column out.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="130" />
        <source>Dry run: show the report, write nothing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="132" />
        <source>Save this mapping as… (optional)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="147" />
        <source>tab</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="148" />
        <source>{file}: {enc}, separated by {sep}, {n} columns</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="155" />
        <source>Field</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="160" />
        <source>not imported</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>NewCampaignDialog</name>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="45" />
        <location filename="../../fieldapp/ui/welcome.py" line="66" />
        <source>New campaign</source>
        <translation>Nueva campaña</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="49" />
        <source>e.g. Fair Rent 2026</source>
        <translation>p. ej. Alquiler Justo 2026</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="51" />
        <source>e.g. Riverwest Neighbors United</source>
        <translation>p. ej. Vecinos Unidos de Riverwest</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="53" />
        <source>optional, e.g. RNU</source>
        <translation>opcional, p. ej. VUR</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="55" />
        <source>Campaign name:</source>
        <translation>Nombre de la campaña:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="56" />
        <source>Your organization:</source>
        <translation>Su organización:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="57" />
        <source>Short code:</source>
        <translation>Sigla:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="67" />
        <source>Please give the campaign and your organization a name.</source>
        <translation>Escriba un nombre para la campaña y para su organización.</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="206" />
        <source>Enter walk sheets fast: number keys pick the result, support and answers; Enter saves and moves to the next door.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="212" />
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="116" />
        <location filename="../../fieldapp/ui/pages/map.py" line="152" />
        <source>Turf</source>
        <translation>Territorio</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="216" />
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="117" />
        <source>Canvasser</source>
        <translation>Voluntario de puerta a puerta</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="220" />
        <source>Questions in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="222" />
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="223" />
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="226" />
        <source>Edit script…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="234" />
        <source>#</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="234" />
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="234" />
        <location filename="../../fieldapp/ui/pages/people.py" line="57" />
        <source>People</source>
        <translation>Personas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="234" />
        <source>Last result</source>
        <translation>Último resultado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="297" />
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="302" />
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="305" />
        <source>Support</source>
        <translation>Apoyo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="310" />
        <source>Survey</source>
        <translation>Encuesta</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="318" />
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="320" />
        <source>Anything worth knowing next time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="324" />
        <source>Asked us not to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="325" />
        <source>call</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="326" />
        <source>text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="329" />
        <source>(applies to the people this result covers)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="337" />
        <source>Skip (PgDn)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="339" />
        <source>Save and next (Enter)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="253" />
        <source>Contact history (newest first)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="259" />
        <source>Correct selected attempt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="388" />
        <source>Canvass</source>
        <translation>Puerta a puerta</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="416" />
        <source>(not recorded)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="441" />
        <source>Loading the turf…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="463" />
        <source>{n} doors in walk order · {live} to knock · {knocked} with a result · number keys pick, Enter saves and moves on</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="475" />
        <location filename="../../fieldapp/ui/pages/canvass.py" line="808" />
        <source>Do not knock</source>
        <translation>No tocar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="616" />
        <source>door {i} of {n}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="622" />
        <source>Whole household ({n})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="623" />
        <source>The door (nobody known)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="627" />
        <source>no calls</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="629" />
        <source>no texts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="683" />
        <source>by {who}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="684" />
        <source>canvasser not recorded</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="686" />
        <source>(correction)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="691" />
        <source>No contact yet.</source>
        <translation>Todavía sin contacto.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="720" />
        <source>Correcting the attempt of {when}: saving adds a correction that replaces it (Esc to cancel).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="734" />
        <source>Pick a result first (number keys 1-9, 0).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="772" />
        <location filename="../../fieldapp/ui/pages/events.py" line="388" />
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="814" />
        <source>Saved {address}: {result}. {n} doors entered this session.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass.py" line="829" />
        <source>End of the turf.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/doors.py" line="59" />
        <location filename="../../fieldapp/ui/pages/map.py" line="147" />
        <source>Doors</source>
        <translation>Puertas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="147" />
        <location filename="../../fieldapp/ui/pages/turfs.py" line="109" />
        <source>Turfs</source>
        <translation>Territorios</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation type="vanished">Conversaciones</translation>
    </message>
    <message>
        <source>Upcoming events</source>
        <translation type="vanished">Próximos eventos</translation>
    </message>
    <message>
        <source>Coming up</source>
        <translation type="vanished">Próximamente</translation>
    </message>
    <message>
        <source>Door results so far</source>
        <translation type="vanished">Resultados en las puertas hasta ahora</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="92" />
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="207" />
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="235" />
        <source>Doors knocked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="93" />
        <source>Contacts made</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="94" />
        <source>Contact rate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="95" />
        <source>Supporters identified (1-2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="96" />
        <source>Event RSVPs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="102" />
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="205" />
        <source>Doors knocked and contacts by day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="106" />
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="260" />
        <source>Events: RSVPs and arrivals</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="114" />
        <source>Group by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="118" />
        <source>Organization</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="129" />
        <source>Corrected attempts count once (the correction). A door knocked on two days counts twice; a household entered person by person counts once.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="144" />
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="166" />
        <source>Adding up the figures…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="171" />
        <source>{n:,} attempts recorded</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="172" />
        <source>conversations at the door</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="173" />
        <source>contacts / doors knocked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="174" />
        <source>rated 1 or 2 on the support scale</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="179" />
        <source>for {n} upcoming events</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="184" />
        <source>no-show rate so far {rate:.0f}%</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="203" />
        <source>No doors knocked yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="208" />
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="236" />
        <source>Contacts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="209" />
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="237" />
        <source>Supporters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="230" />
        <source>{group}: the {n} busiest</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="258" />
        <source>No events yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="262" />
        <source>RSVPs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="263" />
        <source>Arrived</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{n:,} knocked at least once</source>
        <translation type="vanished">{n:,} tocadas al menos una vez</translation>
    </message>
    <message>
        <source>{n:,} knocks in all</source>
        <translation type="vanished">{n:,} visitas en total</translation>
    </message>
    <message>
        <source>No upcoming events.</source>
        <translation type="vanished">No hay eventos próximos.</translation>
    </message>
    <message>
        <source>No doors knocked yet.</source>
        <translation type="vanished">Todavía no se ha tocado ninguna puerta.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/doors.py" line="26" />
        <source>Search by address or ZIP (e.g. 2417 Vliet)</source>
        <translation>Buscar por dirección o código postal (p. ej. 2417 Vliet)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/doors.py" line="28" />
        <source>Import voter file…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/doors.py" line="82" />
        <source>{n:,} doors match</source>
        <translation>{n:,} puertas coinciden</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/doors.py" line="84" />
        <source>{n:,} doors</source>
        <translation>{n:,} puertas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/doors.py" line="86" />
        <source>Every household to knock, with who lives there and what happened at the door.</source>
        <translation>Cada hogar por visitar, quién vive allí y qué pasó en la puerta.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="72" />
        <source>Canvass launches, house parties, phone banks and trainings. Times are in each event's own time zone.</source>
        <translation>Salidas de puerta a puerta, reuniones en casa, bancos telefónicos y capacitaciones. Las horas están en la zona horaria de cada evento.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="74" />
        <source>Show past events</source>
        <translation>Mostrar eventos pasados</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="75" />
        <source>Search by title or place</source>
        <translation>Buscar por título o lugar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="81" />
        <source>New event…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="83" />
        <source>Edit…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="84" />
        <source>Duplicate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="85" />
        <location filename="../../fieldapp/ui/pages/events.py" line="267" />
        <location filename="../../fieldapp/ui/pages/events.py" line="343" />
        <source>Cancel event</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="86" />
        <source>Check-in mode…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="88" />
        <source>Print and export</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="91" />
        <source>Sign-in sheet (PDF)…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="92" />
        <source>Reminder call list (CSV)…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="93" />
        <source>All events as a calendar file (ICS)…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="128" />
        <source>Shifts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="130" />
        <source>Role</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="130" />
        <source>Time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="130" />
        <source>Taken</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="140" />
        <source>Add shift…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="141" />
        <source>Edit shift…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="142" />
        <source>Remove shift</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="151" />
        <source>Signups</source>
        <translation>Inscripciones</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="155" />
        <source>Name, phone or email</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="163" />
        <source>Add signup…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="166" />
        <source>Set status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="172" />
        <source>Apply</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="203" />
        <location filename="../../fieldapp/ui/pages/map.py" line="147" />
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="234" />
        <source>{n:,} events</source>
        <translation>{n:,} eventos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="236" />
        <source>{n:,} upcoming events</source>
        <translation>{n:,} eventos próximos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="254" />
        <source>Pick an event to see its shifts and signups.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="266" />
        <source>Reinstate event</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="280" />
        <source>Hosted by {names}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="281" />
        <source>capacity {n}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="281" />
        <source>no capacity limit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="290" />
        <source>(+{n} waitlisted)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="293" />
        <source>{rsvps} RSVPs · {arrived} arrived · {walk} walk-ins · {wait} waitlisted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="330" />
        <source>Duplicating…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="340" />
        <source>Reinstating…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="344" />
        <source>Cancel {title}? Signups are kept so you can tell people.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="346" />
        <source>Cancelling…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="366" />
        <source>Removing the shift…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="372" />
        <source>Waitlist</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="373" />
        <source>That shift is full: the person is on the waitlist and gets the first seat that opens.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="386" />
        <source>one person moved up from the waitlist</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="400" />
        <source>Save the sign-in sheet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="400" />
        <source>PDF (*.pdf)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="409" />
        <source>Writing the sign-in sheet…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="410" />
        <source>Wrote {path} ({n} RSVPs).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="416" />
        <source>Save the call list</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="416" />
        <source>CSV (*.csv)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="428" />
        <source>Writing the call list…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="429" />
        <source>Wrote {n} people to call to {path}; {left} left out (no phone, do not call or waitlisted).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="433" />
        <source>Save the calendar</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="433" />
        <source>iCalendar (*.ics)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="442" />
        <source>Writing the calendar…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="443" />
        <source>Wrote {n} events to {path}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="65" />
        <source>Turfs coloured by progress, doors by their latest result. Draw a shape to cut a new turf or to select doors.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="68" />
        <source>Map tiles</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="71" />
        <source>Open an MBTiles file…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="72" />
        <source>Stop using the MBTiles file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="74" />
        <source>Save this area for offline use…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="90" />
        <source>Move to turf</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="91" />
        <source>Clear</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="130" />
        <source>Map</source>
        <translation>Mapa</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="135" />
        <source>Not knocked yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="136" />
        <source>Strong support (1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="137" />
        <source>Leaning support (2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="138" />
        <source>Undecided (3)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="139" />
        <source>Opposed (4-5)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="140" />
        <source>Talked, no score</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="141" />
        <source>Not home / come back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="142" />
        <source>Refused / hostile</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="143" />
        <source>Do not knock / unreachable</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="148" />
        <source>Basemap</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="149" />
        <source>Turf progress (doors with a result)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="150" />
        <source>Find an address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="150" />
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="151" />
        <source>A drawn shape</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="151" />
        <source>becomes a new turf</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="152" />
        <source>selects doors</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="153" />
        <source>Progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="155" />
        <source>No basemap tiles here: turfs, doors and events are drawn on a plain background. Set a tile server in Settings or open an MBTiles file (Map tiles menu) to see streets.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="185" />
        <source>Drawing the map…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="194" />
        <source>{n:,} doors, {t:,} turfs on the map.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="196" />
        <source>{n} doors have no location yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="199" />
        <source>Tiles from {file}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="201" />
        <source>Tiles from the tile server, kept for offline use.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="203" />
        <source>No tile server set: plain background.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="219" />
        <source>The map could not be drawn: {error}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="254" />
        <source>(no turf)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="263" />
        <source>{n:,} doors selected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="279" />
        <source>{n:,} doors moved to {turf}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="285" />
        <source>Moving doors…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="291" />
        <location filename="../../fieldapp/ui/pages/map.py" line="310" />
        <source>New turf</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="292" />
        <source>Name of the new turf:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="303" />
        <source>Turf {name} created with {n:,} doors.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="313" />
        <source>Creating the turf…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="321" />
        <source>Turf {name} reshaped: {a:,} doors came in, {b:,} left it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="327" />
        <source>Reshape turf</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="331" />
        <source>Reshaping the turf…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="339" />
        <location filename="../../fieldapp/ui/pages/map.py" line="346" />
        <source>Open an MBTiles file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="340" />
        <source>MBTiles files (*.mbtiles);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="359" />
        <location filename="../../fieldapp/ui/pages/map.py" line="385" />
        <source>Save this area for offline use</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="362" />
        <source>No tile server is set. Set one in Settings, or open an MBTiles file made elsewhere.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="367" />
        <source>openstreetmap.org's tile servers do not allow saving whole areas (their tile usage policy forbids bulk downloads). The tiles you look at while online are still kept for offline use. To save whole areas, use a tile provider that allows it, or open an MBTiles file.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="387" />
        <source>Zoom levels to save, from the current view:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="403" />
        <source>{n:,} tiles</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="408" />
        <source>My tile provider's usage policy allows bulk downloads</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="420" />
        <source>{n:,} tiles saved for offline use.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="424" />
        <source>Saving map tiles…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/people.py" line="27" />
        <source>Residents, supporters and volunteers, with their consent flags.</source>
        <translation>Residentes, simpatizantes y voluntarios, con sus preferencias de contacto.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/people.py" line="28" />
        <source>Search by name, phone or email</source>
        <translation>Buscar por nombre, teléfono o correo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/people.py" line="73" />
        <source>{n:,} people match</source>
        <translation>{n:,} personas coinciden</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/people.py" line="75" />
        <source>{n:,} people</source>
        <translation>{n:,} personas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="48" />
        <source>Choices for this computer. Nothing here travels in sync bundles.</source>
        <translation>Opciones de esta computadora. Nada de esto viaja en los paquetes de sincronización.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="50" />
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="53" />
        <source>Same as this computer</source>
        <translation>El de esta computadora</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="58" />
        <source>Interface language:</source>
        <translation>Idioma de la interfaz:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="67" />
        <source>Where your data lives</source>
        <translation>Dónde están sus datos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="74" />
        <source>Store</source>
        <translation>Almacén de datos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="76" />
        <source>Data folder</source>
        <translation>Carpeta de datos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="77" />
        <source>Settings and keys</source>
        <translation>Ajustes y claves</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="78" />
        <source>Log files</source>
        <translation>Archivos de registro</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="79" />
        <source>Caches (map tiles, geocoding)</source>
        <translation>Cachés (mosaicos del mapa, geocodificación)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="92" />
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="99" />
        <source>About</source>
        <translation>Acerca de</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="100" />
        <source>Field App {version} · this computer's site id: {site}</source>
        <translation>Field App {version} · identificador de esta computadora: {site}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="116" />
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="122" />
        <source>The new language applies the next time you open Field App.</source>
        <translation>El nuevo idioma se aplicará la próxima vez que abra Field App.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="20" />
        <source>Sync is coming: export a signed, encrypted bundle of your work for the office, import bundles from other laptops, and review merge conflicts and possible duplicates.</source>
        <translation>La sincronización llegará pronto: exportar un paquete firmado y cifrado de su trabajo para la oficina, importar paquetes de otras computadoras y revisar conflictos y posibles duplicados.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="25" />
        <source>Sync</source>
        <translation>Sincronizar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="63" />
        <source>Areas cut for canvassing: how big each is, how much is done, who has it.</source>
        <translation>Áreas trazadas para visitar: su tamaño, cuánto se ha hecho y quién las tiene.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="64" />
        <source>Search turfs by name</source>
        <translation>Buscar territorios por nombre</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="66" />
        <source>Print walk list…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="67" />
        <source>Cut turfs…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="68" />
        <source>Assign…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="69" />
        <source>Import turfs…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="88" />
        <location filename="../../fieldapp/ui/pages/turfs.py" line="269" />
        <source>Select a turf to see its doors.</source>
        <translation>Elija un territorio para ver sus puertas.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="130" />
        <source>Select a turf first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="150" />
        <source>Save walk list</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="151" />
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="164" />
        <source>Saved the walk list for {turf}: {n} doors.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="168" />
        <source>Walk list</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="170" />
        <source>Printing walk list</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="176" />
        <location filename="../../fieldapp/ui/pages/turfs.py" line="189" />
        <source>Import turfs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="177" />
        <source>Turf files (*.geojson *.json *.kml);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="191" />
        <source>Importing turfs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="212" />
        <source>Cut turfs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="214" />
        <source>Cutting turfs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="242" />
        <source>Assign</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="244" />
        <source>Assigning volunteers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="255" />
        <source>{n:,} turfs</source>
        <translation>{n:,} territorios</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="266" />
        <source>Doors in {turf} ({n})</source>
        <translation>Puertas en {turf} ({n})</translation>
    </message>
</context>
<context>
    <name>PersonDetailPane</name>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="171" />
        <source>Select a person to see their details.</source>
        <translation>Elija una persona para ver sus datos.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="189" />
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="190" />
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="191" />
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="194" />
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="197" />
        <source>Born</source>
        <translation>Nacimiento</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="199" />
        <source>Voter id</source>
        <translation>Número de votante</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="201" />
        <source>Organizations</source>
        <translation>Organizaciones</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="203" />
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="206" />
        <source>Do not call</source>
        <translation>No llamar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="206" />
        <source>Do not text</source>
        <translation>No enviar mensajes</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="207" />
        <source>Do not email</source>
        <translation>No enviar correos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="213" />
        <source>Contact history</source>
        <translation>Historial de contactos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="215" />
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="223" />
        <source>No event signups.</source>
        <translation>Sin inscripciones a eventos.</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="206" />
        <source>Import report</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="208" />
        <location filename="../../fieldapp/ui/import_wizard.py" line="219" />
        <source>Importing…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="226" />
        <source>Dry run finished: nothing was written.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="228" />
        <source>Import finished.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="234" />
        <source>Nothing was imported.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ScriptEditor</name>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="53" />
        <source>Survey script</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="58" />
        <source>Questions, in the order they are asked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="65" />
        <source>New question</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="66" />
        <source>Move up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="67" />
        <source>Move down</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="68" />
        <source>Remove</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="75" />
        <source>Question</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="78" />
        <source>short_name (letters, digits, _)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="81" />
        <source>Key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="82" />
        <location filename="../../fieldapp/ui/script_editor.py" line="95" />
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="83" />
        <location filename="../../fieldapp/ui/script_editor.py" line="95" />
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="89" />
        <source>is answered</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="91" />
        <source>Ask only if</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="93" />
        <source>Answer choices (none: free text)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="95" />
        <source>Value</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="100" />
        <source>Add choice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="101" />
        <source>Remove choice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="105" />
        <source>Save question</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="143" />
        <source>if {key} = {answer}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="178" />
        <source>(always ask)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="217" />
        <source>A new question goes at the end of the script.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="251" />
        <source>Saved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="258" />
        <source>Saving the script…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ShiftDialog</name>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="264" />
        <source>Edit shift</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="264" />
        <source>New shift</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="274" />
        <source>no limit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="276" />
        <source>Role</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="277" />
        <source>Starts ({zone})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="278" />
        <source>Ends</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="279" />
        <source>Capacity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="281" />
        <source>Save shift</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Tables</name>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="74" />
        <location filename="../../fieldapp/ui/sources.py" line="130" />
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="76" />
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="77" />
        <source>ZIP</source>
        <translation>C.P.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="78" />
        <source>Turf</source>
        <translation>Territorio</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="79" />
        <source>People</source>
        <translation>Personas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="80" />
        <source>Last result</source>
        <translation>Último resultado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="125" />
        <location filename="../../fieldapp/ui/sources.py" line="184" />
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="126" />
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="127" />
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="128" />
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="131" />
        <source>Flags</source>
        <translation>Avisos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="132" />
        <source>DNC: do not call · DNT: do not text · DNE: do not email</source>
        <translation>DNC: no llamar · DNT: no enviar mensajes · DNE: no enviar correos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="185" />
        <source>Doors</source>
        <translation>Puertas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="186" />
        <source>Knocked</source>
        <translation>Tocadas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="190" />
        <source>Share of the turf's doors knocked at least once</source>
        <translation>Parte de las puertas del territorio tocadas al menos una vez</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="191" />
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="193" />
        <source>Assigned</source>
        <translation>Asignado a</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="247" />
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="249" />
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="251" />
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="252" />
        <source>Place</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="253" />
        <source>Signups</source>
        <translation>Inscripciones</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="255" />
        <source>People signed up (not declined) / capacity</source>
        <translation>Personas inscritas (sin contar las que declinaron) / cupo</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <location filename="../../fieldapp/ui/tasks.py" line="170" />
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/tasks.py" line="171" />
        <source>Please wait</source>
        <translation>Espere, por favor</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/tasks.py" line="188" />
        <source>Stopping…</source>
        <translation>Deteniendo…</translation>
    </message>
</context>
<context>
    <name>WalkInDialog</name>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="132" />
        <source>Walk-in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="152" />
        <source>(none)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="156" />
        <source>Do not call</source>
        <translation>No llamar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="157" />
        <source>Do not text</source>
        <translation>No enviar mensajes</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="158" />
        <source>Do not email</source>
        <translation>No enviar correos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="162" />
        <source>First name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="163" />
        <source>Last name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="164" />
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="165" />
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="166" />
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="167" />
        <source>Organization</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="168" />
        <source>Consent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="175" />
        <source>Check in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="206" />
        <source>Checking in…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>WelcomeWindow</name>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="81" />
        <source>Welcome to {app}</source>
        <translation>Bienvenido a {app}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="86" />
        <source>Welcome to Field App</source>
        <translation>Bienvenido a Field App</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="89" />
        <source>Field App keeps your turfs, doors, people, door knocks and events on this computer, works without internet, and trades data with your office through sync bundles. How do you want to start?</source>
        <translation>Field App guarda sus territorios, puertas, personas, visitas y eventos en esta computadora, funciona sin internet e intercambia datos con su oficina mediante paquetes de sincronización. ¿Cómo quiere empezar?</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="98" />
        <source>Explore the demo campaign</source>
        <translation>Explorar la campaña de demostración</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="99" />
        <source>A living campaign in Milwaukee: three coalition groups, turfs, {n:,} doors, people, a week of door knocks and upcoming events.</source>
        <translation>Una campaña viva en Milwaukee: tres grupos de la coalición, territorios, {n:,} puertas, personas, una semana de visitas y próximos eventos.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="103" />
        <source>Start a new campaign</source>
        <translation>Empezar una campaña nueva</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="104" />
        <source>An empty campaign for your organization; import doors and cut turf next.</source>
        <translation>Una campaña vacía para su organización; después importe puertas y trace territorios.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="106" />
        <source>Open a sync bundle from your office</source>
        <translation>Abrir un paquete de sincronización de su oficina</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="107" />
        <source>A turf packet or a bundle a coordinator sent you (.fieldbundle).</source>
        <translation>Un paquete de territorio o un paquete que le envió un coordinador (.fieldbundle).</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="152" />
        <source>seeding the demo campaign</source>
        <translation>crear la campaña de demostración</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="155" />
        <source>Seeding the demo campaign…</source>
        <translation>Creando la campaña de demostración…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="174" />
        <source>Creating the campaign…</source>
        <translation>Creando la campaña…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="178" />
        <source>Sync bundles</source>
        <translation>Paquetes de sincronización</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="179" />
        <source>Opening sync bundles is coming soon. For now, start with the demo or a new campaign; the Sync page will import bundles.</source>
        <translation>Pronto se podrán abrir paquetes de sincronización. Por ahora, empiece con la demostración o con una campaña nueva; la página Sincronizar importará los paquetes.</translation>
    </message>
</context>
<context>
    <name>_Pane</name>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="85" />
        <source>No contact yet.</source>
        <translation>Todavía sin contacto.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="87" />
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="87" />
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="87" />
        <source>Support</source>
        <translation>Apoyo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="89" />
        <source>Spoke with</source>
        <translation>Habló con</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="90" />
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="90" />
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
</context>
<context>
    <name>_SavingDialog</name>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="118" />
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
</context>
</TS>