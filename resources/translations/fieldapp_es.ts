<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_419">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="148"/>
        <source>About Field App</source>
        <translation>Acerca de Field App</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="153"/>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="154"/>
        <source>Store</source>
        <translation>Almacén de datos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="155"/>
        <source>Site id</source>
        <translation>Id de este equipo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="156"/>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="157"/>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="158"/>
        <source>License</source>
        <translation>Licencia</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="158"/>
        <source>GNU AGPL 3.0 or later; Qt and PySide6 under the LGPL 3.0; Leaflet under the BSD 2-clause license</source>
        <translation>GNU AGPL 3.0 o posterior; Qt y PySide6 bajo la LGPL 3.0; Leaflet bajo la licencia BSD de 2 cláusulas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="160"/>
        <source>Log folder</source>
        <translation>Carpeta de registros</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="171"/>
        <source>Open the log folder</source>
        <translation>Abrir la carpeta de registros</translation>
    </message>
</context>
<context>
    <name>AcceptBundleBox</name>
    <message>
        <location filename="../../fieldapp/ui/accept_dialog.py" line="21"/>
        <source>Accept bundle</source>
        <translation>Aceptar paquete</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/accept_dialog.py" line="23"/>
        <source>This bundle&apos;s records are {ahead} ahead of this computer&apos;s clock.</source>
        <translation>Los registros de este paquete van {ahead} por delante del reloj de este equipo.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/accept_dialog.py" line="26"/>
        <source>Merging it moves this store&apos;s clock forward by as much, and every bundle exported from here afterwards carries that clock to the other sites. Check that the clocks of both computers are right before you merge it.</source>
        <translation>Al fusionarlo, el reloj de este almacén avanza lo mismo, y cada paquete que se exporte desde aquí después lleva ese reloj a los demás equipos. Compruebe que los relojes de ambos equipos están en hora antes de fusionarlo.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/accept_dialog.py" line="30"/>
        <source>This bundle&apos;s clock was ahead of this computer&apos;s when it arrived.</source>
        <translation>El reloj de este paquete iba por delante del de este equipo cuando llegó.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/accept_dialog.py" line="32"/>
        <source>Check that the clocks of both computers are right before you merge it.</source>
        <translation>Compruebe que los relojes de ambos equipos están en hora antes de fusionarlo.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/accept_dialog.py" line="35"/>
        <source>Merge it anyway</source>
        <translation>Fusionarlo de todos modos</translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/accept_dialog.py" line="44"/>
        <source>%Ln minute(s)</source>
        <translation>
            <numerusform>%Ln minuto</numerusform>
            <numerusform>%Ln minutos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/accept_dialog.py" line="47"/>
        <source>%Ln hour(s)</source>
        <translation>
            <numerusform>%Ln hora</numerusform>
            <numerusform>%Ln horas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/accept_dialog.py" line="48"/>
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln día</numerusform>
            <numerusform>%Ln días</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AddSignupDialog</name>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="310"/>
        <source>Add a signup</source>
        <translation>Agregar una inscripción</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="314"/>
        <source>Search people by name, phone or email</source>
        <translation>Buscar personas por nombre, teléfono o correo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="320"/>
        <source>(the whole event)</source>
        <translation>(todo el evento)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="330"/>
        <source>Shift</source>
        <translation>Turno</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="331"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="333"/>
        <source>Sign up</source>
        <translation>Inscribir</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="364"/>
        <source>Find and pick a person first.</source>
        <translation>Primero busque y elija a una persona.</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="342"/>
        <source>Assign volunteers</source>
        <translation>Asignar voluntarios</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="347"/>
        <source>(keep the current captain)</source>
        <translation>(mantener al capitán actual)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="363"/>
        <source>Turf: {name}</source>
        <translation>Zona: {name}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="364"/>
        <source>Captain:</source>
        <translation>Capitán:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="366"/>
        <source>Canvassers:</source>
        <translation>Encuestadores:</translation>
    </message>
</context>
<context>
    <name>BackgroundSync</name>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="135"/>
        <source>Sending to HQ</source>
        <translation>Enviando a la sede</translation>
    </message>
</context>
<context>
    <name>BrokenPage</name>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="60"/>
        <source>This page could not be opened: {error}
The details are in the log file.</source>
        <translation>No se pudo abrir esta página: {error}
Los detalles están en el archivo de registro.</translation>
    </message>
</context>
<context>
    <name>CanvassForm</name>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/form.py" line="88"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/form.py" line="93"/>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/form.py" line="96"/>
        <source>Support</source>
        <translation>Apoyo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/form.py" line="101"/>
        <source>Survey</source>
        <translation>Encuesta</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/form.py" line="122"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/form.py" line="124"/>
        <source>Anything worth knowing next time</source>
        <translation>Algo que convenga saber la próxima vez</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/form.py" line="128"/>
        <source>Asked us not to</source>
        <translation>Pidió no recibir</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/form.py" line="129"/>
        <source>call</source>
        <translation>llamadas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/form.py" line="130"/>
        <source>text</source>
        <translation>mensajes</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/form.py" line="133"/>
        <source>(applies to the people this result covers)</source>
        <translation>(se aplica a las personas de este resultado)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/form.py" line="140"/>
        <source>Skip (PgDn)</source>
        <translation>Saltar (PgDn)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/form.py" line="142"/>
        <source>Save and next (Enter)</source>
        <translation>Guardar y seguir (Enter)</translation>
    </message>
</context>
<context>
    <name>CanvasserDialog</name>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/canvasser.py" line="28"/>
        <source>Who knocked on these doors?</source>
        <translation>¿Quién tocó estas puertas?</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/canvasser.py" line="30"/>
        <source>Pick the canvasser whose walk sheets you are entering. It is asked once per sitting; F4 changes it.</source>
        <translation>Elija al encuestador cuyas hojas de recorrido está ingresando. Se pregunta una vez por sesión; F4 lo cambia.</translation>
    </message>
</context>
<context>
    <name>CheckIn</name>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="68"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="69"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="70"/>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="71"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="72"/>
        <source>waitlist</source>
        <translation>lista de espera</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="73"/>
        <source>walk-in</source>
        <translation>sin inscripción</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="74"/>
        <source>Shift</source>
        <translation>Turno</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="75"/>
        <source>Org</source>
        <translation>Org.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="76"/>
        <source>Arrived</source>
        <translation>Llegó</translation>
    </message>
</context>
<context>
    <name>CheckInDialog</name>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="227"/>
        <source>Check-in: {title}</source>
        <translation>Registro de entrada: {title}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="248"/>
        <source>Type a name, phone number or email, then Enter to check in</source>
        <translation>Escriba un nombre, teléfono o correo y pulse Enter para registrar la entrada</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="267"/>
        <source>Undo last (Ctrl+Z)</source>
        <translation>Deshacer último (Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="271"/>
        <source>Walk-in… (Ctrl+N)</source>
        <translation>Nuevo asistente… (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="273"/>
        <source>Check in (Enter)</source>
        <translation>Registrar (Enter)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="276"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="328"/>
        <source>{arrived:,} arrived / {rsvps:,} RSVPs</source>
        <translation>Llegadas: {arrived:,} / {rsvps:,} inscritos</translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/checkin.py" line="330"/>
        <source>%Ln of the RSVPs</source>
        <translation>
            <numerusform>%Ln de los inscritos</numerusform>
            <numerusform>%Ln de los inscritos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/checkin.py" line="331"/>
        <source>%Ln walk-in(s)</source>
        <translation>
            <numerusform>%Ln sin inscripción</numerusform>
            <numerusform>%Ln sin inscripción</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/checkin.py" line="332"/>
        <source>%Ln waitlisted</source>
        <translation>
            <numerusform>%Ln en lista de espera</numerusform>
            <numerusform>%Ln en lista de espera</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="341"/>
        <source>Nobody matches. Press Ctrl+N to add a walk-in.</source>
        <translation>Nadie coincide. Pulse Ctrl+N para agregar a alguien sin inscripción.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="352"/>
        <source>Checking in…</source>
        <translation>Registrando…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="361"/>
        <source>{name} was already checked in.</source>
        <translation>{name} ya tenía registrada su entrada.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="367"/>
        <source>✓ {name} checked in.</source>
        <translation>✓ Entrada de {name} registrada.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="390"/>
        <source>Check-in of {name} taken back.</source>
        <translation>Se anuló la entrada de {name}.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="397"/>
        <source>Undoing…</source>
        <translation>Deshaciendo…</translation>
    </message>
</context>
<context>
    <name>CutDialog</name>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="316"/>
        <source>Cut turfs</source>
        <translation>Trazar zonas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="321"/>
        <source> doors</source>
        <translation> puertas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="322"/>
        <source>About this many doors a turf:</source>
        <translation>Puertas por zona (aprox.):</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="324"/>
        <source>Cut only {turf} (it is replaced by its parts)</source>
        <translation>Dividir solo {turf} (se reemplaza por sus partes)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="325"/>
        <source>Cut only the selected turf</source>
        <translation>Dividir solo la zona seleccionada</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="329"/>
        <source>Otherwise the doors that have no turf yet are cut. Buildings are never split; each turf gets a polygon and a name.</source>
        <translation>Si no, se trazan zonas con las puertas que aún no tienen zona. Los edificios nunca se dividen; cada zona recibe un polígono y un nombre.</translation>
    </message>
</context>
<context>
    <name>DoorDetailPane</name>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="120"/>
        <source>Select a door to see its household and contact history.</source>
        <translation>Elija una puerta para ver su hogar y su historial de contactos.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="133"/>
        <source>Unit {unit}</source>
        <translation>Unidad {unit}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="139"/>
        <source>Turf: {name}</source>
        <translation>Zona: {name}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="141"/>
        <source>{n} units in this building</source>
        <translation>{n} unidades en este edificio</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="146"/>
        <source>Do not knock</source>
        <translation>No tocar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="150"/>
        <source>Household ({n})</source>
        <translation>Hogar ({n})</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="166"/>
        <source>Nobody is listed at this door.</source>
        <translation>No hay nadie registrado en esta puerta.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="167"/>
        <source>Contact history</source>
        <translation>Historial de contactos</translation>
    </message>
</context>
<context>
    <name>DoorList</name>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/doorlist.py" line="64"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/doorlist.py" line="64"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/doorlist.py" line="64"/>
        <source>People</source>
        <translation>Personas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/doorlist.py" line="64"/>
        <source>Last result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/doorlist.py" line="92"/>
        <source>Contact history (newest first)</source>
        <translation>Historial (más reciente primero)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/doorlist.py" line="98"/>
        <source>Correct selected attempt (F2)</source>
        <translation>Corregir el intento elegido (F2)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/doorlist.py" line="128"/>
        <source>(not recorded)</source>
        <translation>(sin registrar)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/doorlist.py" line="154"/>
        <source>Loading the turf…</source>
        <translation>Cargando la zona…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/doorlist.py" line="188"/>
        <location filename="../../fieldapp/ui/pages/canvass/doorlist.py" line="199"/>
        <source>Do not knock</source>
        <translation>No tocar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/doorlist.py" line="265"/>
        <source>door {i} of {n}</source>
        <translation>puerta {i} de {n}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/doorlist.py" line="276"/>
        <source>no calls</source>
        <translation>sin llamadas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/doorlist.py" line="278"/>
        <source>no texts</source>
        <translation>sin mensajes</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/doorlist.py" line="281"/>
        <source>The door (nobody known)</source>
        <translation>La vivienda (sin personas conocidas)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/doorlist.py" line="302"/>
        <source>by {who}</source>
        <translation>por {who}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/doorlist.py" line="303"/>
        <source>canvasser not recorded</source>
        <translation>encuestador sin registrar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/doorlist.py" line="305"/>
        <source>(correction)</source>
        <translation>(corrección)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/doorlist.py" line="310"/>
        <source>No contact yet.</source>
        <translation>Todavía sin contacto.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/doorlist.py" line="347"/>
        <source>Correcting the attempt of {when}: saving adds a correction that replaces it (Esc to cancel).</source>
        <translation>Corrigiendo el intento del {when}: al guardar se agrega una corrección que lo reemplaza (Esc para cancelar).</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../fieldapp/ui/errordialog.py" line="29"/>
        <source>Field App</source>
        <translation>Field App</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/errordialog.py" line="51"/>
        <source>Something went wrong</source>
        <translation>Algo salió mal</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/errordialog.py" line="53"/>
        <source>Field App ran into a problem while: {doing}.</source>
        <translation>Field App tuvo un problema mientras hacía esto: {doing}.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/errordialog.py" line="55"/>
        <source>Field App ran into a problem it did not expect.</source>
        <translation>Field App tuvo un problema inesperado.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/errordialog.py" line="58"/>
        <source>Your saved data is safe: every change is written in one piece or not at all. The details are in the log file in {folder}; please send it to your data team.

{error}</source>
        <translation>Sus datos guardados están a salvo: cada cambio se escribe completo o no se escribe. Los detalles están en el archivo de registro en {folder}; envíelo a su equipo de datos.

{error}</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="135"/>
        <source>Edit event</source>
        <translation>Editar evento</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="135"/>
        <source>New event</source>
        <translation>Nuevo evento</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="153"/>
        <source>latitude, e.g. 43.0389</source>
        <translation>latitud, p. ej. 43.0389</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="154"/>
        <source>longitude, e.g. -87.9065</source>
        <translation>longitud, p. ej. -87.9065</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="160"/>
        <source>no limit</source>
        <translation>sin límite</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="171"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="172"/>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="173"/>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="174"/>
        <source>Starts</source>
        <translation>Empieza</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="175"/>
        <source>Ends</source>
        <translation>Termina</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="176"/>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="177"/>
        <source>Place</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="178"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="179"/>
        <source>Map pin</source>
        <translation>Ubicación en el mapa</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="180"/>
        <source>Capacity</source>
        <translation>Cupo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="181"/>
        <source>Hosts</source>
        <translation>Anfitriones</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="183"/>
        <source>Save event</source>
        <translation>Guardar evento</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="224"/>
        <source>{what}: {text!r} is not a number</source>
        <translation>{what}: {text!r} no es un número</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="237"/>
        <source>Latitude</source>
        <translation>Latitud</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="237"/>
        <source>Longitude</source>
        <translation>Longitud</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="120"/>
        <source>Export a bundle</source>
        <translation>Exportar un paquete</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="124"/>
        <source>Everything this laptop knows</source>
        <translation>Todo lo que hay en esta computadora</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="125"/>
        <source>Only what changed since the last bundle</source>
        <translation>Solo lo que cambió desde el último paquete</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="126"/>
        <source>Export:</source>
        <translation>Exportar:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="130"/>
        <source>Encrypt for:</source>
        <translation>Cifrar para:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="131"/>
        <source>Use a passphrase instead (for offices without keys)</source>
        <translation>Usar una contraseña (para oficinas sin claves)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="138"/>
        <source>Passphrase:</source>
        <translation>Contraseña:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="147"/>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="151"/>
        <source>Save in:</source>
        <translation>Guardar en:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="154"/>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="171"/>
        <source>No office key yet: nobody but this laptop could open the bundle. Join your campaign with the file from HQ, or protect the bundle with a passphrase.</source>
        <translation>Todavía no hay clave de la oficina: solo esta computadora podría abrir el paquete. Únase a su campaña con el archivo de la sede o proteja el paquete con una contraseña.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="175"/>
        <source>Join a campaign…</source>
        <translation>Unirse a una campaña…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="187"/>
        <source>Joined: the bundle is encrypted to HQ.</source>
        <translation>Unida a la campaña: el paquete se cifra para la sede.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="190"/>
        <source>Save the bundle in</source>
        <translation>Guardar el paquete en</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="77"/>
        <location filename="../../fieldapp/ui/import_wizard.py" line="109"/>
        <source>Choose a voter file</source>
        <translation>Elija un padrón electoral</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="79"/>
        <source>A CSV or tab-separated file with one person per row. The encoding, the separator and most column names are recognised for you.</source>
        <translation>Un archivo CSV o separado por tabulaciones, con una persona por fila. La codificación, el separador y la mayoría de los nombres de columna se reconocen solos.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="84"/>
        <source>Path to a .csv or .txt file</source>
        <translation>Ruta de un archivo .csv o .txt</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="85"/>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="91"/>
        <source>Guess from the column names</source>
        <translation>Deducir de los nombres de columna</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="93"/>
        <source>Saved mapping: {name}</source>
        <translation>Correspondencia guardada: {name}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="95"/>
        <source>Layout: {title}</source>
        <translation>Formato: {title}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="98"/>
        <source>Mapping:</source>
        <translation>Correspondencia:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="110"/>
        <source>Voter files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>Padrones electorales (*.csv *.tsv *.txt);;Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>FirstSteps</name>
    <message>
        <location filename="../../fieldapp/ui/firststeps.py" line="27"/>
        <source>Nothing to count yet. Start with the doors: import a voter file, or join a campaign your office runs to receive its turf packet.</source>
        <translation>Todavía no hay nada que contar. Empiece por las puertas: importe un padrón electoral o únase a una campaña de su oficina para recibir su paquete de zonas.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/firststeps.py" line="30"/>
        <source>No doors to show yet. Import a voter file (the doors are placed on the map as they are geocoded), or join a campaign.</source>
        <translation>Todavía no hay puertas que mostrar. Importe un padrón electoral (las puertas aparecen en el mapa al geocodificarse) o únase a una campaña.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/firststeps.py" line="33"/>
        <source>Turfs are cut from doors, and there are none yet: import a voter file first, then cut or import turfs here.</source>
        <translation>Las zonas se trazan a partir de las puertas, y todavía no hay ninguna: importe primero un padrón electoral y luego trace o importe zonas aquí.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/firststeps.py" line="36"/>
        <source>No doors yet. Import a voter file (a CSV from your state or county) to bring in the doors and the people living there.</source>
        <translation>Todavía no hay puertas. Importe un padrón electoral (un CSV de su estado o condado) para traer las puertas y las personas que viven allí.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/firststeps.py" line="39"/>
        <source>Results are entered turf by turf, and there are no doors yet: import a voter file and make turfs, or join a campaign to receive a turf packet.</source>
        <translation>Los resultados se ingresan zona por zona, y todavía no hay puertas: importe un padrón electoral y trace zonas, o únase a una campaña para recibir un paquete de zonas.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/firststeps.py" line="45"/>
        <source>The doors are in; next, cut them into turfs (or import turfs drawn elsewhere) so that canvassers can walk them.</source>
        <translation>Las puertas ya están; ahora trácelas en zonas (o importe zonas trazadas en otro lugar) para que los encuestadores las recorran.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/firststeps.py" line="64"/>
        <source>Import a voter file…</source>
        <translation>Importar un padrón electoral…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/firststeps.py" line="66"/>
        <source>Cut or import turfs…</source>
        <translation>Trazar o importar zonas…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/firststeps.py" line="67"/>
        <source>Join a campaign…</source>
        <translation>Unirse a una campaña…</translation>
    </message>
</context>
<context>
    <name>GeocodeButton</name>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="367"/>
        <source>Geocode doors…</source>
        <translation>Geocodificar…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="368"/>
        <source>Find coordinates for the doors that have none</source>
        <translation>Buscar coordenadas para las puertas que no tienen</translation>
    </message>
</context>
<context>
    <name>GeocodeDialog</name>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="95"/>
        <source>Geocode doors</source>
        <translation>Geocodificar puertas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="103"/>
        <source>Ask an online geocoder</source>
        <translation>Consultar un geocodificador en línea</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="104"/>
        <source>Use an address-points file (no network)</source>
        <translation>Usar un archivo de puntos de dirección (sin red)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="134"/>
        <source>Provider:</source>
        <translation>Proveedor:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="136"/>
        <source>the provider&apos;s own (or host:port of yours)</source>
        <translation>el del proveedor (o host:puerto del suyo)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="137"/>
        <source>Server:</source>
        <translation>Servidor:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="140"/>
        <source>every address</source>
        <translation>todas las direcciones</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="141"/>
        <source> addresses</source>
        <translation> direcciones</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="142"/>
        <source>Ask at most:</source>
        <translation>Consultar como máximo:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="144"/>
        <source>Nominatim and Photon are asked at most once a second, ArcGIS twice; every answer is kept, so no address is asked twice. While the network is down the run waits and then goes on; Cancel keeps what was found.</source>
        <translation>A Nominatim y Photon se les consulta como máximo una vez por segundo, a ArcGIS dos; cada respuesta se guarda, así que ninguna dirección se consulta dos veces. Si se cae la red, el proceso espera y luego continúa; Cancelar conserva lo encontrado.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="159"/>
        <source>A .csv of addresses with latitude and longitude</source>
        <translation>Un .csv de direcciones con latitud y longitud</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="160"/>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="166"/>
        <source>Counties publish address points as CSV (address, city or ZIP, and X/Y or latitude/longitude columns).</source>
        <translation>Los condados publican los puntos de dirección en CSV (columnas de dirección, ciudad o código postal, y X/Y o latitud/longitud).</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="116"/>
        <source>Place newly located doors in turfs</source>
        <translation>Asignar a zonas las puertas recién ubicadas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="185"/>
        <source>The report appears here.</source>
        <translation>Aquí aparece el informe.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="189"/>
        <source>Geocode</source>
        <translation>Geocodificar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="208"/>
        <source>{n:,} doors have no coordinates. Doors need them to be placed in turfs, cut into turfs and shown on the map.</source>
        <translation>Puertas sin coordenadas: {n:,}. Las puertas las necesitan para asignarse a zonas, trazar zonas y verse en el mapa.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="213"/>
        <source>Choose an address-points file</source>
        <translation>Elija un archivo de puntos de dirección</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="214"/>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>Archivos CSV (*.csv *.txt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="231"/>
        <source>Choose an address-points file first.</source>
        <translation>Primero elija un archivo de puntos de dirección.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="234"/>
        <source>Geocoding from {file}</source>
        <translation>Geocodificando desde {file}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="243"/>
        <source>Geocoding with {provider}</source>
        <translation>Geocodificando con {provider}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="267"/>
        <source>Geocoding…</source>
        <translation>Geocodificando…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="290"/>
        <source>Stopped. The doors located so far are kept; run again to go on.</source>
        <translation>Detenido. Las puertas ubicadas hasta ahora se conservan; vuelva a ejecutarlo para continuar.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="293"/>
        <source>Geocoding finished.</source>
        <translation>Geocodificación terminada.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="303"/>
        <source>Geocoding stopped with a problem.</source>
        <translation>La geocodificación se detuvo por un problema.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="312"/>
        <source>Geocoded {n:,} doors with {provider}: {asked:,} addresses asked, {cached:,} from the cache</source>
        <translation>Puertas geocodificadas con {provider}: {n:,}; direcciones consultadas: {asked:,}, tomadas de la caché: {cached:,}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="317"/>
        <source>not found ({n}):</source>
        <translation>no encontradas ({n}):</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="320"/>
        <source>... and {n} more</source>
        <translation>... y {n} más</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="323"/>
        <source>waited {s:.0f} s for the network</source>
        <translation>esperó {s:.0f} s a la red</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="326"/>
        <source>stopped: the geocoder cannot be reached; run again later to resume</source>
        <translation>detenido: no se puede conectar con el geocodificador; vuelva a ejecutarlo más tarde para continuar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="329"/>
        <source>Geocoded {n:,} doors from {file} ({points:,} address points read, no network used)</source>
        <translation>Puertas geocodificadas desde {file}: {n:,} (puntos de dirección leídos: {points:,}, sin usar la red)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="334"/>
        <source>Stopped before the end: the doors located so far are kept.</source>
        <translation>Se detuvo antes del final: las puertas ubicadas hasta ahora se conservan.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="336"/>
        <source>{n:,} doors placed in turfs</source>
        <translation>Puertas asignadas a zonas: {n:,}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/geocode_dialog.py" line="337"/>
        <source>{n:,} doors still have no coordinates</source>
        <translation>Puertas todavía sin coordenadas: {n:,}</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="389"/>
        <source>Import a voter file</source>
        <translation>Importar un padrón electoral</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="434"/>
        <source>Importing {file}</source>
        <translation>Importando {file}</translation>
    </message>
</context>
<context>
    <name>InboxPanel</name>
    <message>
        <location filename="../../fieldapp/ui/hq_inbox.py" line="39"/>
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/hq_inbox.py" line="39"/>
        <source>Laptop</source>
        <translation>Computadora</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/hq_inbox.py" line="40"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/hq_inbox.py" line="40"/>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/hq_inbox.py" line="41"/>
        <source>Why held</source>
        <translation>Por qué está retenido</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/hq_inbox.py" line="50"/>
        <source>Laptops send to `fieldapp hq serve`; a held upload waits here until it is fixed and retried.</source>
        <translation>Las computadoras envían a `fieldapp hq serve`; un envío retenido espera aquí hasta que se corrija y se reintente.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/hq_inbox.py" line="54"/>
        <source>Retry held upload</source>
        <translation>Reintentar envío retenido</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/hq_inbox.py" line="56"/>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/hq_inbox.py" line="69"/>
        <source>{merged} merged, {held} held, {waiting} waiting</source>
        <translation>{merged} fusionados, {held} retenidos, {waiting} en espera</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/hq_inbox.py" line="86"/>
        <source>Select a held upload first.</source>
        <translation>Primero elija un envío retenido.</translation>
    </message>
</context>
<context>
    <name>JoinCampaign</name>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="55"/>
        <source>Join a campaign</source>
        <translation>Unirse a una campaña</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="56"/>
        <source>Join files (*.fieldapp-join);;All files (*)</source>
        <translation>Archivos para unirse (*.fieldapp-join);;Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="18"/>
        <source>Canvassed</source>
        <translation>Contactado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="19"/>
        <source>Not home</source>
        <translation>No está en casa</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="20"/>
        <source>Refused</source>
        <translation>Rechazó</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="21"/>
        <source>Moved</source>
        <translation>Se mudó</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="22"/>
        <location filename="../../fieldapp/ui/labels.py" line="70"/>
        <source>Deceased</source>
        <translation>Fallecido</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="23"/>
        <source>Inaccessible</source>
        <translation>Inaccesible</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="24"/>
        <source>Hostile</source>
        <translation>Hostil</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="25"/>
        <source>Language barrier</source>
        <translation>Barrera de idioma</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="26"/>
        <source>Come back</source>
        <translation>Volver más tarde</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="27"/>
        <source>Do not knock</source>
        <translation>No tocar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="33"/>
        <source>Canvass launch</source>
        <translation>Salida a tocar puertas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="34"/>
        <source>House party</source>
        <translation>Reunión en casa</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="35"/>
        <source>Phone bank</source>
        <translation>Banco telefónico</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="36"/>
        <source>Rally</source>
        <translation>Manifestación</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="37"/>
        <source>Training</source>
        <translation>Capacitación</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="38"/>
        <source>Summit</source>
        <translation>Cumbre</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="44"/>
        <source>Open</source>
        <translation>Abierto</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="45"/>
        <source>Assigned</source>
        <translation>Asignado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="46"/>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="47"/>
        <source>Done</source>
        <translation>Terminado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="53"/>
        <source>Invited</source>
        <translation>Invitado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="54"/>
        <source>Scheduled</source>
        <translation>Programado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="55"/>
        <source>Confirmed</source>
        <translation>Confirmado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="56"/>
        <source>Completed</source>
        <translation>Completado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="57"/>
        <source>No-show</source>
        <translation>No se presentó</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="58"/>
        <source>Declined</source>
        <translation>Declinó</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="65"/>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="66"/>
        <source>Inactive</source>
        <translation>Inactivo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="67"/>
        <source>Removed</source>
        <translation>Dado de baja</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="68"/>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="69"/>
        <source>Confidential</source>
        <translation>Confidencial</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="76"/>
        <source>Captain</source>
        <translation>Capitán</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="77"/>
        <source>Canvasser</source>
        <translation>Encuestador</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="78"/>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="85"/>
        <source>DNC</source>
        <comment>short for: do not call</comment>
        <translation>DNC</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="86"/>
        <source>DNT</source>
        <comment>short for: do not text</comment>
        <translation>DNT</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="87"/>
        <source>DNE</source>
        <comment>short for: do not email</comment>
        <translation>DNE</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="92"/>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="92"/>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="106"/>
        <source>1 strong support</source>
        <translation>1 apoyo firme</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="107"/>
        <source>2 lean support</source>
        <translation>2 tiende a apoyar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="108"/>
        <source>3 undecided</source>
        <translation>3 indeciso</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="109"/>
        <source>4 lean oppose</source>
        <translation>4 tiende a oponerse</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="110"/>
        <source>5 strong oppose</source>
        <translation>5 se opone firmemente</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <location filename="../../fieldapp/app.py" line="223"/>
        <source>Opening the store…</source>
        <translation>Abriendo el almacén de datos…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/app.py" line="231"/>
        <source>Cannot open the store</source>
        <translation>No se puede abrir el almacén de datos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/app.py" line="234"/>
        <source>opening the store</source>
        <translation>abrir el almacén de datos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/app.py" line="297"/>
        <source>Seeding the demo campaign…</source>
        <translation>Creando la campaña de demostración…</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="232"/>
        <source>Field App is locked</source>
        <translation>Field App está bloqueado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="234"/>
        <source>Type the lock passphrase or the store&apos;s passphrase to go on.</source>
        <translation>Escriba la contraseña de bloqueo o la del almacén de datos para continuar.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="241"/>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="257"/>
        <source>That is not the passphrase.</source>
        <translation>Esa no es la contraseña.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="219"/>
        <source>Store: {where}</source>
        <translation>Almacén: {where}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="354"/>
        <source>No campaign yet</source>
        <translation>Todavía no hay campaña</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="138"/>
        <source>Check the columns</source>
        <translation>Revise las columnas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="140"/>
        <source>Each column of the file goes to the field chosen below it. Change any that are wrong; choose &apos;not imported&apos; to leave a column out.</source>
        <translation>Cada columna del archivo va al campo elegido debajo de ella. Cambie las que estén mal; elija &apos;no se importa&apos; para dejar fuera una columna.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="156"/>
        <source>Dry run: show the report, write nothing</source>
        <translation>Prueba: mostrar el informe sin guardar nada</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="157"/>
        <source>Place new doors in turfs</source>
        <translation>Asignar las puertas nuevas a zonas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="159"/>
        <source>New doors with coordinates go into the turf whose area contains them, as the command line import does.</source>
        <translation>Las puertas nuevas con coordenadas van a la zona cuya área las contiene, igual que al importar desde la línea de comandos.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="164"/>
        <source>Save this mapping as… (optional)</source>
        <translation>Guardar esta correspondencia como… (opcional)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="182"/>
        <source>tab</source>
        <translation>tabulación</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="183"/>
        <source>{file}: {enc}, separated by {sep}, {n} columns</source>
        <translation>{file}: {enc}, separado por {sep}, {n} columnas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="188"/>
        <source>layout: {title}</source>
        <translation>formato: {title}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="190"/>
        <source>(no header row)</source>
        <translation>(sin fila de encabezados)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="196"/>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="201"/>
        <source>not imported</source>
        <translation>no se importa</translation>
    </message>
</context>
<context>
    <name>MappingWarnings</name>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="47"/>
        <source>a unit/apartment</source>
        <translation>una unidad o apartamento</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="48"/>
        <source>a voter id</source>
        <translation>un número de votante</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="49"/>
        <source>a registration status</source>
        <translation>un estado de registro</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="50"/>
        <source>a birth date or year</source>
        <translation>una fecha o año de nacimiento</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="51"/>
        <source>a party</source>
        <translation>un partido</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="52"/>
        <source>a precinct or ward</source>
        <translation>un precinto o distrito municipal</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="54"/>
        <source>column &apos;{column}&apos; looks like {what} and is not imported (map it to &apos;{field}&apos; to keep it)</source>
        <translation>la columna &apos;{column}&apos; parece {what} y no se importa (asígnela a &apos;{field}&apos; para conservarla)</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="65"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="66"/>
        <source>Open a sync bundle…</source>
        <translation>Abrir un paquete de sincronización…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="67"/>
        <source>Settings…</source>
        <translation>Ajustes…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="69"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="71"/>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="72"/>
        <source>Find on this page</source>
        <translation>Buscar en esta página</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="74"/>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="75"/>
        <source>Full screen</source>
        <translation>Pantalla completa</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="77"/>
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="81"/>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="82"/>
        <location filename="../../fieldapp/ui/menus.py" line="130"/>
        <source>Keyboard help</source>
        <translation>Ayuda del teclado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="83"/>
        <source>Open the log folder</source>
        <translation>Abrir la carpeta de registros</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="85"/>
        <source>About Field App</source>
        <translation>Acerca de Field App</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="121"/>
        <source>Ctrl+1 … Ctrl+9: go to a page (the order of the sidebar)</source>
        <translation>Ctrl+1 … Ctrl+9: ir a una página (en el orden de la barra lateral)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="122"/>
        <source>Ctrl+F: search the page · Ctrl+, : settings · Ctrl+Q: quit · F11: full screen</source>
        <translation>Ctrl+F: buscar en la página · Ctrl+, : ajustes · Ctrl+Q: salir · F11: pantalla completa</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="123"/>
        <source>Tab / Shift+Tab: move between fields · Enter: the main button · Esc: cancel</source>
        <translation>Tab / Mayús+Tab: pasar de un campo a otro · Enter: el botón principal · Esc: cancelar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/menus.py" line="124"/>
        <source>Canvass: number keys pick the result, the person, support and answers; Enter saves and moves on; Page Up / Page Down change doors; F2 corrects an attempt; F4 changes the canvasser</source>
        <translation>Puerta a puerta: las teclas numéricas eligen el resultado, la persona, el apoyo y las respuestas; Enter guarda y sigue; Re Pág / Av Pág cambian de puerta; F2 corrige un intento; F4 cambia el encuestador</translation>
    </message>
</context>
<context>
    <name>NewCampaignDialog</name>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="50"/>
        <location filename="../../fieldapp/ui/welcome.py" line="71"/>
        <source>New campaign</source>
        <translation>Nueva campaña</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="54"/>
        <source>e.g. Fair Rent 2026</source>
        <translation>p. ej. Alquiler Justo 2026</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="56"/>
        <source>e.g. Riverwest Neighbors United</source>
        <translation>p. ej. Vecinos Unidos de Riverwest</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="58"/>
        <source>optional, e.g. RNU</source>
        <translation>opcional, p. ej. VUR</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="60"/>
        <source>Campaign name:</source>
        <translation>Nombre de la campaña:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="61"/>
        <source>Your organization:</source>
        <translation>Su organización:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="62"/>
        <source>Short code:</source>
        <translation>Sigla:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="72"/>
        <source>Please give the campaign and your organization a name.</source>
        <translation>Escriba un nombre para la campaña y para su organización.</translation>
    </message>
</context>
<context>
    <name>OutboxPanel</name>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="232"/>
        <source>Written</source>
        <translation>Escrito</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="232"/>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="232"/>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="243"/>
        <source>Join a campaign…</source>
        <translation>Unirse a una campaña…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="244"/>
        <source>Send now</source>
        <translation>Enviar ahora</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="262"/>
        <source>This laptop has joined no campaign. Join with the file or printed code from HQ; your exports then go to HQ by themselves when there is a connection.</source>
        <translation>Esta computadora no se ha unido a ninguna campaña. Únase con el archivo o el código impreso de la sede; después sus exportaciones llegan solas a la sede cuando haya conexión.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="266"/>
        <source>HQ revoked this laptop and the campaign&apos;s data was removed from it. Bundles listed here could not be sent: only HQ can open them; hand them over on a USB stick ({folder}).</source>
        <translation>La sede revocó esta computadora y los datos de la campaña se borraron de ella. Los paquetes de esta lista no se pudieron enviar: solo la sede puede abrirlos; entréguelos en una memoria USB ({folder}).</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="271"/>
        <source>HQ revoked this laptop: the next sync sends what it can, then removes the campaign&apos;s data. Ask HQ staff.</source>
        <translation>La sede revocó esta computadora: la próxima sincronización envía lo que pueda y después borra los datos de la campaña. Consulte al personal de la sede.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="274"/>
        <source>Joined {campaign}. Last sync: {time}.</source>
        <translation>Unida a {campaign}. Última sincronización: {time}.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="275"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="277"/>
        <source>Bundles wait here until HQ confirms it stored them.</source>
        <translation>Los paquetes esperan aquí hasta que la sede confirme que los guardó.</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="51"/>
        <source>Enter walk sheets fast: number keys pick the result, support and answers; Enter saves and moves to the next door.</source>
        <translation>Capture las hojas de recorrido rápido: los números eligen el resultado, el apoyo y las respuestas; Enter guarda y pasa a la siguiente puerta.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="76"/>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="130"/>
        <location filename="../../fieldapp/ui/pages/map.py" line="163"/>
        <source>Turf</source>
        <translation>Zona</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="83"/>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="131"/>
        <source>Canvasser</source>
        <translation>Encuestador</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="88"/>
        <source>Questions in</source>
        <translation>Preguntas en</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="90"/>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="91"/>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="96"/>
        <source>Edit script…</source>
        <translation>Editar guion…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="134"/>
        <source>%n door(s) in walk order</source>
        <translation>
            <numerusform>%n puerta en orden de recorrido</numerusform>
            <numerusform>%n puertas en orden de recorrido</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="135"/>
        <source>%n to knock</source>
        <translation>
            <numerusform>%n por tocar</numerusform>
            <numerusform>%n por tocar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="136"/>
        <source>%n with a result</source>
        <translation>
            <numerusform>%n con resultado</numerusform>
            <numerusform>%n con resultado</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="137"/>
        <source>number keys pick, Enter saves and moves on</source>
        <translation>las teclas numéricas eligen, Enter guarda y sigue</translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="141"/>
        <source>Whole household (%n)</source>
        <translation>
            <numerusform>Todo el hogar (%n)</numerusform>
            <numerusform>Todo el hogar (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="171"/>
        <source>Who knocked (F4 to change)</source>
        <translation>Quién tocó (F4 para cambiar)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="184"/>
        <source>Support and answers belong to the person you spoke with: pick who (keys 1-%n).</source>
        <translation>
            <numerusform>El apoyo y las respuestas son de la persona con quien habló: elija quién (tecla %n).</numerusform>
            <numerusform>El apoyo y las respuestas son de la persona con quien habló: elija quién (teclas 1-%n).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="261"/>
        <source>Saved {address}: {result}.</source>
        <translation>Guardado {address}: {result}.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="263"/>
        <source>%n door(s) entered this session.</source>
        <translation>
            <numerusform>%n puerta ingresada en esta sesión.</numerusform>
            <numerusform>%n puertas ingresadas en esta sesión.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/people.py" line="34"/>
        <source>People</source>
        <translation>Personas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="131"/>
        <source>Canvass</source>
        <translation>Puerta a puerta</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="254"/>
        <source>Do not knock</source>
        <translation>No tocar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="179"/>
        <source>Pick a result first (number keys 1-9, 0).</source>
        <translation>Primero elija un resultado (teclas 1-9, 0).</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="69"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="70"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="215"/>
        <source>Bundles carry your work to the office and back: signed, encrypted files for a USB stick or e-mail. Drop .fieldbundle files here to import them.</source>
        <translation>Los paquetes llevan su trabajo a la oficina y de vuelta: archivos firmados y cifrados para una memoria USB o el correo. Suelte aquí archivos .fieldbundle para importarlos.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="217"/>
        <source>Export bundle…</source>
        <translation>Exportar paquete…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="219"/>
        <source>Import bundles…</source>
        <translation>Importar paquetes…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="241"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="241"/>
        <source>Direction</source>
        <translation>Sentido</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="241"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="242"/>
        <source>Site</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="242"/>
        <source>No.</source>
        <translation>N.º</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="242"/>
        <source>Records</source>
        <translation>Reg.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="243"/>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="251"/>
        <source>Accept quarantined bundle</source>
        <translation>Aceptar paquete en cuarentena</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="258"/>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="260"/>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="260"/>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="260"/>
        <source>Kept value</source>
        <translation>Valor conservado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="261"/>
        <location filename="../../fieldapp/ui/pages/sync.py" line="262"/>
        <source>Written by</source>
        <translation>Escrito por</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="261"/>
        <source>Other value</source>
        <translation>Otro valor</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="272"/>
        <source>The newer write was kept. Nothing is lost: choose the other value to write it back (it then travels like any edit).</source>
        <translation>Se conservó el cambio más reciente. No se pierde nada: elija el otro valor para volver a escribirlo (luego viaja como cualquier cambio).</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="265"/>
        <source>Keep this value</source>
        <translation>Conservar este valor</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="266"/>
        <source>Use the other value</source>
        <translation>Usar el otro valor</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="276"/>
        <source>Conflicts</source>
        <translation>Conflictos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="279"/>
        <source>Door A</source>
        <translation>Puerta A</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="279"/>
        <source>Door B</source>
        <translation>Puerta B</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="279"/>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="291"/>
        <source>The same address was entered on two laptops. Merging keeps one door and moves its people; keeping both marks them distinct.</source>
        <translation>Se capturó la misma dirección en dos computadoras. Al fusionar se conserva una puerta y se le pasan las personas; al conservar ambas se marcan como distintas.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="282"/>
        <source>Merge, keep A</source>
        <translation>Fusionar, dejar A</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="283"/>
        <source>Merge, keep B</source>
        <translation>Fusionar, dejar B</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="284"/>
        <source>Keep both</source>
        <translation>Conservar ambas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="295"/>
        <source>Possible duplicates</source>
        <translation>Posibles duplicados</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="300"/>
        <source>Outbox</source>
        <translation>Bandeja de salida</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="305"/>
        <source>HQ inbox</source>
        <translation>Bandeja de la sede</translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/sync.py" line="324"/>
        <source>Conflicts (%n)</source>
        <translation>
            <numerusform>Conflictos (%n)</numerusform>
            <numerusform>Conflictos (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/sync.py" line="325"/>
        <source>Possible duplicates (%n)</source>
        <translation>
            <numerusform>Posibles duplicados (%n)</numerusform>
            <numerusform>Posibles duplicados (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="330"/>
        <source>This laptop: {name}, key {fp}. Trusted sites: {n}.</source>
        <translation>Esta computadora: {name}, clave {fp}. Equipos de confianza: {n}.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="334"/>
        <source>This laptop has no keys yet: they are made with the first export.</source>
        <translation>Esta computadora aún no tiene claves: se crean con la primera exportación.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="339"/>
        <source>In</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="339"/>
        <source>Out</source>
        <translation>Salida</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="340"/>
        <source>Merged</source>
        <translation>Fusionado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="340"/>
        <source>Written</source>
        <translation>Escrito</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="341"/>
        <source>Quarantined</source>
        <translation>En cuarentena</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="341"/>
        <source>Merged in part</source>
        <translation>Fusionado en parte</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="354"/>
        <source>No bundles yet.</source>
        <translation>Todavía no hay paquetes.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="375"/>
        <source>Same address</source>
        <translation>Misma dirección</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="395"/>
        <source>Type a passphrase, or untick the passphrase box.</source>
        <translation>Escriba una contraseña o desmarque la casilla de contraseña.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="414"/>
        <source>Exported {n} records to {path}</source>
        <translation>Registros exportados a {path}: {n}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="417"/>
        <source>Exporting a bundle…</source>
        <translation>Exportando un paquete…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="423"/>
        <source>Import bundles</source>
        <translation>Importar paquetes</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="424"/>
        <source>Field App bundles (*{suffix});;All files (*)</source>
        <translation>Paquetes de Field App (*{suffix});;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="450"/>
        <source>Importing bundles…</source>
        <translation>Importando paquetes…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="476"/>
        <source>Some bundles were not imported</source>
        <translation>Algunos paquetes no se importaron</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="479"/>
        <source>Passphrase</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="480"/>
        <source>These bundles are protected by a passphrase:
{files}</source>
        <translation>Estos paquetes están protegidos con contraseña:
{files}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="489"/>
        <source>{file}: not imported: {why}</source>
        <translation>{file}: no se importó: {why}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="493"/>
        <source>{file}: {new} new, {updated} updated, {unchanged} unchanged, {conflicts} conflicts</source>
        <translation>{file}: nuevos {new}, actualizados {updated}, sin cambios {unchanged}, conflictos {conflicts}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="498"/>
        <source>, {n} possible duplicates</source>
        <translation>, posibles duplicados {n}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="524"/>
        <source>Merging the bundle…</source>
        <translation>Fusionando el paquete…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="218"/>
        <location filename="../../fieldapp/ui/pages/events.py" line="424"/>
        <location filename="../../fieldapp/ui/pages/sync.py" line="535"/>
        <location filename="../../fieldapp/ui/pages/sync.py" line="546"/>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="276"/>
        <source>End of the turf.</source>
        <translation>Fin de la zona.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/doors.py" line="41"/>
        <location filename="../../fieldapp/ui/pages/map.py" line="155"/>
        <source>Doors</source>
        <translation>Puertas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="155"/>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="108"/>
        <source>Turfs</source>
        <translation>Zonas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="105"/>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="248"/>
        <source>Doors knocked</source>
        <translation>Puertas tocadas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="106"/>
        <source>Contacts made</source>
        <translation>Contactos logrados</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="107"/>
        <source>Contact rate</source>
        <translation>Tasa de contacto</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="108"/>
        <source>Supporters identified (1-2)</source>
        <translation>Simpatizantes (1-2)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="109"/>
        <source>Event RSVPs</source>
        <translation>Inscritos a eventos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="116"/>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="238"/>
        <source>Doors knocked and contacts by day</source>
        <translation>Puertas tocadas y contactos por día</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="120"/>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="292"/>
        <source>Events: RSVPs and arrivals</source>
        <translation>Eventos: inscritos y asistentes</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="128"/>
        <source>Group by</source>
        <translation>Agrupar por</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="132"/>
        <source>Organization</source>
        <translation>Organización</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="143"/>
        <source>Corrected attempts count once (the correction). A door knocked on two days counts twice; a household entered person by person counts once.</source>
        <translation>Los intentos corregidos cuentan una vez (la corrección). Una puerta tocada en dos días cuenta dos veces; un hogar capturado persona por persona cuenta una vez.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="180"/>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="199"/>
        <source>Adding up the figures…</source>
        <translation>Sumando las cifras…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="204"/>
        <source>%n attempt(s) recorded</source>
        <translation>
            <numerusform>%n intento registrado</numerusform>
            <numerusform>%n intentos registrados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="212"/>
        <source>for %n upcoming event(s)</source>
        <translation>
            <numerusform>para %n evento próximo</numerusform>
            <numerusform>para %n eventos próximos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="205"/>
        <source>conversations at the door</source>
        <translation>conversaciones en la puerta</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="206"/>
        <source>contacts / doors knocked</source>
        <translation>contactos / puertas tocadas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="207"/>
        <source>rated 1 or 2 on the support scale</source>
        <translation>con 1 o 2 en la escala de apoyo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="217"/>
        <source>no-show rate so far {rate:.0f}%</source>
        <translation>inasistencia hasta ahora: {rate:.0f}%</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="236"/>
        <source>No doors knocked yet</source>
        <translation>Todavía no se ha tocado ninguna puerta</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="249"/>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="250"/>
        <source>Supporters</source>
        <translation>Simpatizantes</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="278"/>
        <source>{group}: the {n} busiest</source>
        <translation>{group}: los {n} más activos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="290"/>
        <source>No events yet</source>
        <translation>Todavía no hay eventos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="294"/>
        <source>RSVPs</source>
        <translation>Inscritos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="295"/>
        <source>Arrived</source>
        <translation>Llegaron</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/doors.py" line="28"/>
        <source>Search by address or ZIP (e.g. 2417 Vliet)</source>
        <translation>Buscar por dirección o código postal (p. ej. 2417 Vliet)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/doors.py" line="32"/>
        <source>Import voter file…</source>
        <translation>Importar padrón…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/doors.py" line="58"/>
        <source>%Ln door(s) match</source>
        <translation>
            <numerusform>%Ln puerta coincide</numerusform>
            <numerusform>%Ln puertas coinciden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/doors.py" line="59"/>
        <location filename="../../fieldapp/ui/pages/map.py" line="209"/>
        <source>%Ln door(s)</source>
        <translation>
            <numerusform>%Ln puerta</numerusform>
            <numerusform>%Ln puertas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/doors.py" line="26"/>
        <source>Every household to knock, with who lives there and what happened at the door.</source>
        <translation>Cada hogar por visitar, quién vive allí y qué pasó en la puerta.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="92"/>
        <source>Canvass launches, house parties, phone banks and trainings. Times are in each event&apos;s own time zone.</source>
        <translation>Salidas a tocar puertas, reuniones en casa, bancos telefónicos y capacitaciones. Las horas están en la zona horaria de cada evento.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="94"/>
        <source>Show past events</source>
        <translation>Mostrar eventos pasados</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="95"/>
        <source>Search by title or place</source>
        <translation>Buscar por título o lugar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="103"/>
        <source>New event…</source>
        <translation>Nuevo evento…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="105"/>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="106"/>
        <source>Duplicate</source>
        <translation>Duplicar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="107"/>
        <location filename="../../fieldapp/ui/pages/events.py" line="300"/>
        <location filename="../../fieldapp/ui/pages/events.py" line="379"/>
        <source>Cancel event</source>
        <translation>Cancelar evento</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="108"/>
        <source>Check-in mode…</source>
        <translation>Registro de entrada…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="110"/>
        <source>Print and export</source>
        <translation>Imprimir y exportar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="113"/>
        <source>Sign-in sheet (PDF)…</source>
        <translation>Hoja de registro (PDF)…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="114"/>
        <source>Reminder call list (CSV)…</source>
        <translation>Lista de llamadas de recordatorio (CSV)…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="115"/>
        <source>All events as a calendar file (ICS)…</source>
        <translation>Todos los eventos como calendario (ICS)…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="160"/>
        <source>Shifts</source>
        <translation>Turnos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="162"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="162"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="162"/>
        <source>Taken</source>
        <translation>Ocupados</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="172"/>
        <source>Add shift…</source>
        <translation>Agregar turno…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="173"/>
        <source>Edit shift…</source>
        <translation>Editar turno…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="174"/>
        <source>Remove shift</source>
        <translation>Quitar turno</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="184"/>
        <source>Signups</source>
        <translation>Inscripciones</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="186"/>
        <source>Name, phone or email</source>
        <translation>Nombre, teléfono o correo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="200"/>
        <source>Add signup…</source>
        <translation>Agregar inscripción…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="202"/>
        <source>Set status</source>
        <translation>Cambiar estado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="208"/>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="236"/>
        <location filename="../../fieldapp/ui/pages/map.py" line="155"/>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/events.py" line="267"/>
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln evento</numerusform>
            <numerusform>%Ln eventos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/events.py" line="269"/>
        <source>%Ln upcoming event(s)</source>
        <translation>
            <numerusform>%Ln evento próximo</numerusform>
            <numerusform>%Ln eventos próximos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/events.py" line="325"/>
        <source>(+%Ln waitlisted)</source>
        <translation>
            <numerusform>(+%Ln en espera)</numerusform>
            <numerusform>(+%Ln en espera)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/events.py" line="329"/>
        <source>%Ln RSVP(s)</source>
        <translation>
            <numerusform>%Ln inscrito</numerusform>
            <numerusform>%Ln inscritos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/events.py" line="329"/>
        <source>%Ln arrived</source>
        <translation>
            <numerusform>%Ln llegó</numerusform>
            <numerusform>%Ln llegaron</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/events.py" line="330"/>
        <source>%Ln walk-in(s)</source>
        <translation>
            <numerusform>%Ln sin inscripción</numerusform>
            <numerusform>%Ln sin inscripción</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/events.py" line="330"/>
        <source>%Ln waitlisted</source>
        <translation>
            <numerusform>%Ln en lista de espera</numerusform>
            <numerusform>%Ln en lista de espera</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="287"/>
        <source>Pick an event to see its shifts and signups.</source>
        <translation>Elija un evento para ver sus turnos e inscripciones.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="299"/>
        <source>Reinstate event</source>
        <translation>Restablecer evento</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="306"/>
        <source>(cancelled)</source>
        <translation>(cancelado)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="315"/>
        <source>Hosted by {names}</source>
        <translation>Anfitriones: {names}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="316"/>
        <source>capacity {n}</source>
        <translation>cupo {n}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="316"/>
        <source>no capacity limit</source>
        <translation>sin límite de cupo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="366"/>
        <source>Duplicating…</source>
        <translation>Duplicando…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="376"/>
        <source>Reinstating…</source>
        <translation>Restableciendo…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="380"/>
        <source>Cancel {title}? Signups are kept so you can tell people.</source>
        <translation>¿Cancelar {title}? Las inscripciones se conservan para que pueda avisarles.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="382"/>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="402"/>
        <source>Removing the shift…</source>
        <translation>Quitando el turno…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="408"/>
        <source>Waitlist</source>
        <translation>Lista de espera</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="409"/>
        <source>That shift is full: the person is on the waitlist and gets the first seat that opens.</source>
        <translation>Ese turno está lleno: la persona queda en lista de espera y obtiene el primer lugar que se libere.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="422"/>
        <source>one person moved up from the waitlist</source>
        <translation>una persona pasó de la lista de espera</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="436"/>
        <source>Save the sign-in sheet</source>
        <translation>Guardar la hoja de registro</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="436"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="445"/>
        <source>Writing the sign-in sheet…</source>
        <translation>Generando la hoja de registro…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="446"/>
        <source>Wrote {path} ({n} RSVPs).</source>
        <translation>Se guardó {path} (inscritos: {n}).</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="452"/>
        <source>Save the call list</source>
        <translation>Guardar la lista de llamadas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="452"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="461"/>
        <source>Writing the call list…</source>
        <translation>Generando la lista de llamadas…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="462"/>
        <source>Wrote {n} people to call to {path}; {left} left out (no phone, do not call or waitlisted).</source>
        <translation>Personas para llamar guardadas en {path}: {n}; quedaron fuera: {left} (sin teléfono, no llamar o en lista de espera).</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="466"/>
        <source>Save the calendar</source>
        <translation>Guardar el calendario</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="466"/>
        <source>iCalendar (*.ics)</source>
        <translation>iCalendar (*.ics)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="475"/>
        <source>Writing the calendar…</source>
        <translation>Generando el calendario…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/events.py" line="476"/>
        <source>Wrote {n} events to {path}.</source>
        <translation>Eventos guardados en {path}: {n}.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="68"/>
        <source>Turfs coloured by progress, doors by their latest result. Draw a shape to cut a new turf or to select doors.</source>
        <translation>Zonas coloreadas según su avance y puertas según su último resultado. Dibuje una figura para trazar una zona nueva o para seleccionar puertas.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="71"/>
        <source>Map tiles</source>
        <translation>Mosaicos del mapa</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="74"/>
        <source>Tile server…</source>
        <translation>Servidor de mosaicos…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="75"/>
        <source>Open an MBTiles file…</source>
        <translation>Abrir un archivo MBTiles…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="76"/>
        <source>Stop using the MBTiles file</source>
        <translation>Dejar de usar el archivo MBTiles</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="78"/>
        <source>Open a PMTiles basemap…</source>
        <translation>Abrir un mapa base PMTiles…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="79"/>
        <source>Stop using the PMTiles basemap</source>
        <translation>Dejar de usar el mapa base PMTiles</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="80"/>
        <source>Save this area for offline use…</source>
        <translation>Guardar esta área para usar sin conexión…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="96"/>
        <source>Move to turf</source>
        <translation>Pasar a la zona</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="97"/>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="138"/>
        <source>Map</source>
        <translation>Mapa</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="143"/>
        <source>Not knocked yet</source>
        <translation>Sin tocar todavía</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="144"/>
        <source>Strong support (1)</source>
        <translation>Apoyo firme (1)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="145"/>
        <source>Leaning support (2)</source>
        <translation>Tiende a apoyar (2)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="146"/>
        <source>Undecided (3)</source>
        <translation>Indeciso (3)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="147"/>
        <source>Opposed (4-5)</source>
        <translation>En contra (4-5)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="148"/>
        <source>Talked, no score</source>
        <translation>Conversó, sin puntaje</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="149"/>
        <source>Not home / come back</source>
        <translation>No estaba / volver</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="150"/>
        <source>Refused / hostile</source>
        <translation>Rechazó / hostil</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="151"/>
        <source>Do not knock / unreachable</source>
        <translation>No tocar / inaccesible</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="156"/>
        <source>Basemap</source>
        <translation>Mapa base</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="156"/>
        <source>Street sketch</source>
        <translation>Croquis de calles</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="158"/>
        <source>Streets sketched from the doors&apos; addresses. For a full street map, open a PMTiles file (Map tiles menu).</source>
        <translation>Calles trazadas a partir de las direcciones de las puertas. Para un mapa de calles completo, abra un archivo PMTiles (menú Mosaicos del mapa).</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="160"/>
        <source>Turf progress (doors with a result)</source>
        <translation>Avance de la zona (puertas con resultado)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="161"/>
        <source>Find an address</source>
        <translation>Buscar una dirección</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="161"/>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="162"/>
        <source>A drawn shape</source>
        <translation>Una figura dibujada</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="162"/>
        <source>becomes a new turf</source>
        <translation>crea una zona nueva</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="163"/>
        <source>selects doors</source>
        <translation>selecciona puertas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="164"/>
        <source>Progress</source>
        <translation>Avance</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="166"/>
        <source>No basemap tiles here: turfs, doors and events are drawn on a plain background. To see streets, set a tile server or open an MBTiles file in the Map tiles menu (top right).</source>
        <translation>Aquí no hay mosaicos del mapa base: las zonas, puertas y eventos se dibujan sobre un fondo liso. Para ver las calles, configure un servidor de mosaicos o abra un archivo MBTiles en el menú Mosaicos del mapa (arriba a la derecha).</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="200"/>
        <source>Drawing the map…</source>
        <translation>Dibujando el mapa…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/map.py" line="209"/>
        <source>%Ln turf(s) on the map.</source>
        <translation>
            <numerusform>%Ln zona en el mapa.</numerusform>
            <numerusform>%Ln zonas en el mapa.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="221"/>
        <source>No basemap: streets sketched from the doors.</source>
        <translation>Sin mapa base: calles trazadas a partir de las puertas.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="211"/>
        <source>{n} doors have no location yet.</source>
        <translation>Puertas aún sin ubicación: {n}.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="215"/>
        <source>Basemap from {file}.</source>
        <translation>Mapa base de {file}.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="217"/>
        <source>Tiles from {file}.</source>
        <translation>Mosaicos de {file}.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="219"/>
        <source>Tiles from the tile server, kept for offline use.</source>
        <translation>Mosaicos del servidor, guardados para usar sin conexión.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="237"/>
        <source>The map could not be drawn: {error}</source>
        <translation>No se pudo dibujar el mapa: {error}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="278"/>
        <source>(no turf)</source>
        <translation>(sin zona)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="287"/>
        <source>{n:,} doors selected</source>
        <translation>Puertas seleccionadas: {n:,}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="303"/>
        <source>{n:,} doors moved to {turf}.</source>
        <translation>Puertas pasadas a {turf}: {n:,}.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="311"/>
        <source>Moving doors…</source>
        <translation>Moviendo puertas…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="317"/>
        <location filename="../../fieldapp/ui/pages/map.py" line="336"/>
        <source>New turf</source>
        <translation>Nueva zona</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="318"/>
        <source>Name of the new turf:</source>
        <translation>Nombre de la nueva zona:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="329"/>
        <source>Turf {name} created with {n:,} doors.</source>
        <translation>Se creó la zona {name} con {n:,} puertas.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="341"/>
        <source>Creating the turf…</source>
        <translation>Creando la zona…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="349"/>
        <source>Turf {name} reshaped: {a:,} doors came in, {b:,} left it.</source>
        <translation>Zona {name} modificada: puertas que entraron {a:,}, que salieron {b:,}.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="355"/>
        <source>Reshape turf</source>
        <translation>Modificar zona</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="361"/>
        <source>Reshaping the turf…</source>
        <translation>Modificando la zona…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="369"/>
        <location filename="../../fieldapp/ui/pages/map.py" line="392"/>
        <source>Tile server</source>
        <translation>Servidor de mosaicos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="372"/>
        <source>A tile URL with {z}, {x} and {y}, e.g. https://tiles.example.org/{z}/{x}/{y}.png. Tiles you look at are kept for offline use. Follow your provider&apos;s usage policy and credit it below; openstreetmap.org&apos;s own servers allow normal viewing but not saving whole areas.</source>
        <translation>Una URL de mosaicos con {z}, {x} y {y}, p. ej. https://tiles.example.org/{z}/{x}/{y}.png. Los mosaicos que vea se guardan para usarlos sin conexión. Siga la política de uso de su proveedor y dé el crédito abajo; los servidores de openstreetmap.org permiten la consulta normal, pero no guardar áreas enteras.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="381"/>
        <source>Credit shown on the map, e.g. © OpenStreetMap contributors</source>
        <translation>Crédito que se muestra en el mapa, p. ej. © colaboradores de OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="382"/>
        <source>Tile URL (empty: no tile server)</source>
        <translation>URL de mosaicos (vacía: sin servidor)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="384"/>
        <source>Attribution</source>
        <translation>Atribución</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="393"/>
        <source>The tile URL must start with http:// or https:// and contain {z}, {x} and {y}.</source>
        <translation>La URL de mosaicos debe empezar con http:// o https:// y contener {z}, {x} y {y}.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="402"/>
        <location filename="../../fieldapp/ui/pages/map.py" line="409"/>
        <source>Open an MBTiles file</source>
        <translation>Abrir un archivo MBTiles</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="403"/>
        <source>MBTiles files (*.mbtiles);;All files (*)</source>
        <translation>Archivos MBTiles (*.mbtiles);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="423"/>
        <location filename="../../fieldapp/ui/pages/map.py" line="430"/>
        <source>Open a PMTiles basemap</source>
        <translation>Abrir un mapa base PMTiles</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="424"/>
        <source>PMTiles files (*.pmtiles);;All files (*)</source>
        <translation>Archivos PMTiles (*.pmtiles);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="442"/>
        <location filename="../../fieldapp/ui/pages/map.py" line="468"/>
        <source>Save this area for offline use</source>
        <translation>Guardar esta área para usar sin conexión</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="445"/>
        <source>No tile server is set. Choose one with Map tiles &gt; Tile server…, or open an MBTiles file made elsewhere.</source>
        <translation>No hay un servidor de mosaicos configurado. Elija uno en Mosaicos del mapa &gt; Servidor de mosaicos… o abra un archivo MBTiles hecho en otro lugar.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="450"/>
        <source>openstreetmap.org&apos;s tile servers do not allow saving whole areas (their tile usage policy forbids bulk downloads). The tiles you look at while online are still kept for offline use. To save whole areas, use a tile provider that allows it, or open an MBTiles file.</source>
        <translation>Los servidores de mosaicos de openstreetmap.org no permiten guardar áreas enteras (su política de uso prohíbe las descargas masivas). Los mosaicos que vea mientras esté en línea se guardan igual para usarlos sin conexión. Para guardar áreas enteras, use un proveedor que lo permita o abra un archivo MBTiles.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="470"/>
        <source>Zoom levels to save, from the current view:</source>
        <translation>Niveles de zoom para guardar, desde la vista actual:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="486"/>
        <source>{n:,} tiles</source>
        <translation>{n:,} mosaicos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="491"/>
        <source>My tile provider&apos;s usage policy allows bulk downloads</source>
        <translation>La política de uso de mi proveedor permite descargas masivas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="499"/>
        <source>{n:,} tiles saved for offline use.</source>
        <translation>{n:,} mosaicos guardados para usar sin conexión.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/map.py" line="503"/>
        <source>Saving map tiles…</source>
        <translation>Guardando mosaicos…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/people.py" line="25"/>
        <source>Residents, supporters and volunteers, with their consent flags.</source>
        <translation>Residentes, simpatizantes y voluntarios, con sus preferencias de contacto.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/people.py" line="26"/>
        <source>Search by name, phone or email</source>
        <translation>Buscar por nombre, teléfono o correo</translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/people.py" line="44"/>
        <source>%Ln people match</source>
        <translation>
            <numerusform>%Ln persona coincide</numerusform>
            <numerusform>%Ln personas coinciden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/people.py" line="45"/>
        <source>%Ln people</source>
        <translation>
            <numerusform>%Ln persona</numerusform>
            <numerusform>%Ln personas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="49"/>
        <source>Choices for this computer. Nothing here travels in sync bundles.</source>
        <translation>Opciones de esta computadora. Nada de esto viaja en los paquetes de sincronización.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="51"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="54"/>
        <source>Same as this computer</source>
        <translation>El de esta computadora</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="59"/>
        <source>Interface language:</source>
        <translation>Idioma de la interfaz:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="68"/>
        <source>Restart now</source>
        <translation>Reiniciar ahora</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="75"/>
        <source>Where your data lives</source>
        <translation>Dónde están sus datos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="82"/>
        <source>Store</source>
        <translation>Almacén de datos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="84"/>
        <source>Data folder</source>
        <translation>Carpeta de datos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="85"/>
        <source>Settings and keys</source>
        <translation>Ajustes y claves</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="86"/>
        <source>Log files</source>
        <translation>Archivos de registro</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="87"/>
        <source>Caches (map tiles, geocoding)</source>
        <translation>Cachés (mosaicos del mapa, geocodificación)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="101"/>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="113"/>
        <source>About</source>
        <translation>Acerca de</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="114"/>
        <source>Field App {version} · this computer&apos;s site id: {site}</source>
        <translation>Field App {version} · identificador de esta computadora: {site}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="130"/>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/settings.py" line="136"/>
        <source>The new language applies the next time you open Field App.</source>
        <translation>El nuevo idioma se aplicará la próxima vez que abra Field App.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/sync.py" line="308"/>
        <source>Sync</source>
        <translation>Sincronizar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="65"/>
        <source>Areas cut for canvassing: how big each is, how much is done, who has it.</source>
        <translation>Zonas para tocar puertas: su tamaño, su avance y quién las tiene.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="66"/>
        <source>Search turfs by name</source>
        <translation>Buscar zonas por nombre</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="68"/>
        <source>Print walk list…</source>
        <translation>Imprimir recorrido…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="69"/>
        <source>Cut turfs…</source>
        <translation>Trazar zonas…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="70"/>
        <source>Assign…</source>
        <translation>Asignar…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="71"/>
        <source>Import turfs…</source>
        <translation>Importar zonas…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="92"/>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="308"/>
        <source>Select a turf to see its doors.</source>
        <translation>Elija una zona para ver sus puertas.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="129"/>
        <source>Select a turf first.</source>
        <translation>Primero elija una zona.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="156"/>
        <source>Save walk list</source>
        <translation>Guardar lista de recorrido</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="157"/>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="172"/>
        <source>Saved the walk list for {turf}: {n} doors.</source>
        <translation>Se guardó la lista de recorrido de {turf}: {n} puertas.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="176"/>
        <source>Walk list</source>
        <translation>Lista de recorrido</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="178"/>
        <source>Printing walk list</source>
        <translation>Imprimiendo la lista de recorrido</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="184"/>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="197"/>
        <source>Import turfs</source>
        <translation>Importar zonas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="185"/>
        <source>Turf files (*.geojson *.json *.kml);;All files (*)</source>
        <translation>Archivos de zonas (*.geojson *.json *.kml);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="199"/>
        <source>Importing turfs</source>
        <translation>Importando zonas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="220"/>
        <source>Cut turfs</source>
        <translation>Trazar zonas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="222"/>
        <source>Cutting turfs</source>
        <translation>Trazando zonas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="226"/>
        <source>Imported turfs from {file}: {new} new, {updated} updated; {doors:,} doors placed in them</source>
        <translation>Zonas importadas de {file}: nuevas {new}, actualizadas {updated}; puertas asignadas a ellas: {doors:,}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="230"/>
        <source>New: {name}</source>
        <translation>Nueva: {name}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="231"/>
        <source>Updated: {name}</source>
        <translation>Actualizada: {name}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="237"/>
        <source>Cut {n} turfs of about {target} doors from {parent} (now retired)</source>
        <translation>Zonas trazadas a partir de {parent} (ya retirada): {n}, de unas {target} puertas cada una</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="239"/>
        <source>Cut {n} turfs of about {target} doors</source>
        <translation>Zonas trazadas: {n}, de unas {target} puertas cada una</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="243"/>
        <source>Sizes: smallest {low}, largest {high}</source>
        <translation>Tamaños: la menor {low}, la mayor {high}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="245"/>
        <source>{name}: {n} doors</source>
        <translation>{name}: {n} puertas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="247"/>
        <source>{n:,} doors have no coordinates and were not cut: geocode them first (Geocode doors… on this page).</source>
        <translation>Puertas sin coordenadas que quedaron fuera: {n:,}; geocodifíquelas primero (botón Geocodificar… de esta página).</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="250"/>
        <source>{n} buildings hold more than {most} doors and form turfs of their own</source>
        <translation>Edificios con más de {most} puertas, que forman zonas propias: {n}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="281"/>
        <source>Assign</source>
        <translation>Asignar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="283"/>
        <source>Assigning volunteers</source>
        <translation>Asignando voluntarios</translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/turfs.py" line="294"/>
        <source>%Ln turf(s)</source>
        <translation>
            <numerusform>%Ln zona</numerusform>
            <numerusform>%Ln zonas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/pages/turfs.py" line="305"/>
        <source>Doors in {turf} ({n})</source>
        <translation>Puertas en {turf} ({n})</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="56"/>
        <source>Store passphrase</source>
        <translation>Contraseña del almacén de datos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="59"/>
        <source>Choose a passphrase for the store {name} (at least {n} characters). Without it nobody can read the store, you included: keep it safe.</source>
        <translation>Elija una contraseña para el almacén de datos {name} (al menos {n} caracteres). Sin ella nadie puede leer el almacén, ni usted: guárdela bien.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="62"/>
        <source>The store {name} is encrypted. Type its passphrase.</source>
        <translation>El almacén de datos {name} está cifrado. Escriba su contraseña.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="68"/>
        <source>Passphrase:</source>
        <translation>Contraseña:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="72"/>
        <source>Again:</source>
        <translation>Otra vez:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="82"/>
        <source>The passphrase needs at least {n} characters.</source>
        <translation>La contraseña necesita al menos {n} caracteres.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="85"/>
        <source>The two passphrases differ.</source>
        <translation>Las dos contraseñas no coinciden.</translation>
    </message>
</context>
<context>
    <name>PersonDetailPane</name>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="183"/>
        <source>Select a person to see their details.</source>
        <translation>Elija una persona para ver sus datos.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="192"/>
        <source>(left off walk and call lists)</source>
        <translation>(fuera de las listas de recorrido y de llamadas)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="193"/>
        <source>Registration</source>
        <translation>Registro</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="195"/>
        <source>Party</source>
        <translation>Partido</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="197"/>
        <source>Registered</source>
        <translation>Registrado el</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="199"/>
        <source>Precinct</source>
        <translation>Precinto</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="200"/>
        <source>ward {ward}</source>
        <translation>distrito municipal {ward}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="202"/>
        <source>Congress</source>
        <translation>Congreso</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="202"/>
        <source>State Senate</source>
        <translation>Senado estatal</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="203"/>
        <source>State House</source>
        <translation>Cámara estatal</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="205"/>
        <source>Districts</source>
        <translation>Distritos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="225"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="226"/>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="227"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="230"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="233"/>
        <source>Born</source>
        <translation>Nacimiento</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="235"/>
        <source>Voter id</source>
        <translation>Número de votante</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="238"/>
        <source>Organizations</source>
        <translation>Organizaciones</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="240"/>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="243"/>
        <source>Do not call</source>
        <translation>No llamar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="243"/>
        <source>Do not text</source>
        <translation>No enviar mensajes</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="244"/>
        <source>Do not email</source>
        <translation>No enviar correos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="250"/>
        <source>Contact history</source>
        <translation>Historial de contactos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="252"/>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="260"/>
        <source>No event signups.</source>
        <translation>Sin inscripciones a eventos.</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <location filename="progress_messages.py" line="5"/>
        <source>Saving map tiles for offline use</source>
        <translation>Guardando mosaicos del mapa para usar sin conexión</translation>
    </message>
    <message>
        <location filename="progress_messages.py" line="6"/>
        <source>Sending {n} of {m}</source>
        <translation>Enviando {n} de {m}</translation>
    </message>
    <message>
        <location filename="progress_messages.py" line="7"/>
        <source>Seeding demo campaign</source>
        <translation>Creando la campaña de demostración</translation>
    </message>
    <message>
        <location filename="progress_messages.py" line="8"/>
        <source>Geocoding with {provider}</source>
        <translation>Geocodificando con {provider}</translation>
    </message>
    <message>
        <location filename="progress_messages.py" line="9"/>
        <source>Offline: retrying in {seconds} s</source>
        <translation>Sin conexión: reintento en {seconds} s</translation>
    </message>
    <message>
        <location filename="progress_messages.py" line="10"/>
        <source>Reading address points</source>
        <translation>Leyendo puntos de dirección</translation>
    </message>
    <message>
        <location filename="progress_messages.py" line="11"/>
        <source>Importing doors</source>
        <translation>Importando puertas</translation>
    </message>
    <message>
        <location filename="progress_messages.py" line="12"/>
        <source>Exporting records</source>
        <translation>Exportando registros</translation>
    </message>
    <message>
        <location filename="progress_messages.py" line="13"/>
        <source>Encrypting</source>
        <translation>Cifrando</translation>
    </message>
    <message>
        <location filename="progress_messages.py" line="15"/>
        <source>Checking records</source>
        <translation>Revisando registros</translation>
    </message>
    <message>
        <location filename="progress_messages.py" line="16"/>
        <source>Decrypting</source>
        <translation>Descifrando</translation>
    </message>
    <message>
        <location filename="progress_messages.py" line="14"/>
        <source>Merging records</source>
        <translation>Fusionando registros</translation>
    </message>
    <message>
        <location filename="progress_messages.py" line="17"/>
        <source>Cutting turfs</source>
        <translation>Trazando zonas</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="261"/>
        <source>Import report</source>
        <translation>Informe de importación</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="263"/>
        <location filename="../../fieldapp/ui/import_wizard.py" line="276"/>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="283"/>
        <source>Dry run finished: nothing was written.</source>
        <translation>Prueba terminada: no se guardó nada.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="285"/>
        <source>Import finished.</source>
        <translation>Importación terminada.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="298"/>
        <source>tab-separated</source>
        <translation>separado por tabulaciones</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="300"/>
        <source>{sep}-separated</source>
        <translation>separado por {sep}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="301"/>
        <source>Dry run (nothing written): {file} ({encoding}, {separated})</source>
        <translation>Prueba (no se guardó nada): {file} ({encoding}, {separated})</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="302"/>
        <source>Imported: {file} ({encoding}, {separated})</source>
        <translation>Importado: {file} ({encoding}, {separated})</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="306"/>
        <source>rows read</source>
        <translation>filas leídas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="309"/>
        <source>({n:,} moved to a new address)</source>
        <translation>({n:,} se mudaron a otra dirección)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="312"/>
        <source>rows merged</source>
        <translation>filas unidas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="313"/>
        <source>(the same voter again in the file)</source>
        <translation>(el mismo votante otra vez en el archivo)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="316"/>
        <source>(no name or voter id: door only)</source>
        <translation>(sin nombre ni número de votante: solo la puerta)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="317"/>
        <source>doors created</source>
        <translation>puertas nuevas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="318"/>
        <source>doors updated</source>
        <translation>puertas cambiadas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="321"/>
        <source>blank lines</source>
        <translation>líneas vacías</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="322"/>
        <source>(not counted as rows)</source>
        <translation>(no cuentan como filas)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="307"/>
        <source>people created</source>
        <translation>personas nuevas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="308"/>
        <source>people updated</source>
        <translation>personas cambiadas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="311"/>
        <source>people unchanged</source>
        <translation>personas ya al día</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="315"/>
        <source>rows skipped</source>
        <translation>filas omitidas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="314"/>
        <source>rows rejected</source>
        <translation>filas rechazadas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="329"/>
        <source>rejected</source>
        <translation>rechazada</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="329"/>
        <source>warning</source>
        <translation>aviso</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="332"/>
        <source>... and {n:,} more problems not listed</source>
        <translation>... y {n:,} problemas más que no se muestran</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="335"/>
        <source>warning: {n:,} of {total:,} rows rejected (listed above)</source>
        <translation>aviso: {n:,} de {total:,} filas rechazadas (listadas arriba)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="338"/>
        <source>{n:,} new doors placed in turfs</source>
        <translation>Puertas nuevas asignadas a zonas: {n:,}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="344"/>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="344"/>
        <source>active</source>
        <translation>activo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="344"/>
        <source>inactive</source>
        <translation>inactivo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="345"/>
        <source>removed</source>
        <translation>dado de baja</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="345"/>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="346"/>
        <source>confidential</source>
        <translation>confidencial</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="346"/>
        <source>deceased</source>
        <translation>fallecido</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="348"/>
        <source>status: {counts}</source>
        <translation>estado: {counts}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="351"/>
        <source>{n:,} removed, cancelled or deceased voters are kept but left off walk, canvass and call lists</source>
        <translation>{n:,} votantes dados de baja, cancelados o fallecidos se guardan, pero quedan fuera de las listas de recorrido, de visitas y de llamadas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="357"/>
        <source>layout: {layout}</source>
        <translation>formato: {layout}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="358"/>
        <source>layout: none (column names matched one by one)</source>
        <translation>formato: ninguno (columnas reconocidas una por una)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="359"/>
        <source>columns imported:</source>
        <translation>columnas importadas:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="366"/>
        <source>columns ignored ({n}): {columns}</source>
        <translation>columnas no importadas ({n}): {columns}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="369"/>
        <source>warning: {text}</source>
        <translation>aviso: {text}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/import_wizard.py" line="374"/>
        <source>Nothing was imported.</source>
        <translation>No se importó nada.</translation>
    </message>
</context>
<context>
    <name>RevokedWords</name>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="293"/>
        <source>HQ revoked this laptop</source>
        <translation>La sede revocó esta computadora</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="294"/>
        <source>HQ revoked this laptop from the campaign {campaign}.</source>
        <translation>La sede revocó esta computadora de la campaña {campaign}.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/campaign.py" line="297"/>
        <source>Your last work was sent to HQ (%n bundle(s)).</source>
        <translation>
            <numerusform>Su último trabajo se envió a la sede (%n paquete).</numerusform>
            <numerusform>Su último trabajo se envió a la sede (%n paquetes).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="300"/>
        <source>Everything had already reached HQ.</source>
        <translation>Todo ya había llegado a la sede.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="302"/>
        <source>The campaign&apos;s data could NOT be removed from this computer: {problem}. Ask HQ staff.</source>
        <translation>NO se pudieron borrar los datos de la campaña de esta computadora: {problem}. Consulte al personal de la sede.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="305"/>
        <source>The campaign&apos;s data was then removed from this computer: the store, its backups and its key, and this laptop&apos;s keys.</source>
        <translation>Después se borraron los datos de la campaña de esta computadora: el almacén de datos, sus copias de seguridad y su clave, y las claves de esta computadora.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="308"/>
        <source>HQ could not be reached</source>
        <translation>no se pudo contactar a la sede</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="309"/>
        <source>HQ no longer accepts uploads from this laptop</source>
        <translation>la sede ya no acepta envíos de esta computadora</translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/campaign.py" line="310"/>
        <source>%n bundle(s) of work could not be sent ({why}). They stay in {folder}, encrypted so that only HQ can open them: hand them to HQ on a USB stick.</source>
        <translation>
            <numerusform>%n paquete de trabajo no se pudo enviar ({why}). Queda en {folder}, cifrado para que solo la sede pueda abrirlo: entréguelo a la sede en una memoria USB.</numerusform>
            <numerusform>%n paquetes de trabajo no se pudieron enviar ({why}). Quedan en {folder}, cifrados para que solo la sede pueda abrirlos: entréguelos a la sede en una memoria USB.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="314"/>
        <source>Files you saved yourself (walk sheets, CSV exports) are not touched: delete them too. Field App will now close.</source>
        <translation>Los archivos que usted guardó (hojas de recorrido, exportaciones CSV) no se tocan: bórrelos también. Field App se cerrará ahora.</translation>
    </message>
</context>
<context>
    <name>SavingDialog</name>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="123"/>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
</context>
<context>
    <name>ScriptEditor</name>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="53"/>
        <source>Survey script</source>
        <translation>Guion de la encuesta</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="75"/>
        <source>Questions, in the order they are asked</source>
        <translation>Preguntas, en el orden en que se hacen</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="82"/>
        <source>New question</source>
        <translation>Nueva pregunta</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="83"/>
        <source>Move up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="84"/>
        <source>Move down</source>
        <translation>Bajar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="85"/>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="94"/>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="97"/>
        <source>short_name (letters, digits, _)</source>
        <translation>nombre_corto (letras, dígitos, _)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="100"/>
        <source>Key</source>
        <translation>Clave</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="101"/>
        <location filename="../../fieldapp/ui/script_editor.py" line="114"/>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="102"/>
        <location filename="../../fieldapp/ui/script_editor.py" line="114"/>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="108"/>
        <source>is answered</source>
        <translation>se responde</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="110"/>
        <source>Ask only if</source>
        <translation>Preguntar solo si</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="112"/>
        <source>Answer choices (none: free text)</source>
        <translation>Opciones de respuesta (ninguna: texto libre)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="114"/>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="119"/>
        <source>Add choice</source>
        <translation>Agregar opción</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="120"/>
        <source>Remove choice</source>
        <translation>Quitar opción</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="124"/>
        <source>Save question</source>
        <translation>Guardar pregunta</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="149"/>
        <source>if {key} = {answer}</source>
        <translation>si {key} = {answer}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="184"/>
        <source>(always ask)</source>
        <translation>(preguntar siempre)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="223"/>
        <source>A new question goes at the end of the script.</source>
        <translation>Una pregunta nueva va al final del guion.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="257"/>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/script_editor.py" line="264"/>
        <source>Saving the script…</source>
        <translation>Guardando el guion…</translation>
    </message>
</context>
<context>
    <name>ShiftDialog</name>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="270"/>
        <source>Edit shift</source>
        <translation>Editar turno</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="270"/>
        <source>New shift</source>
        <translation>Nuevo turno</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="280"/>
        <source>no limit</source>
        <translation>sin límite</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="282"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="283"/>
        <source>Starts ({zone})</source>
        <translation>Empieza ({zone})</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="284"/>
        <source>Ends</source>
        <translation>Termina</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="285"/>
        <source>Capacity</source>
        <translation>Cupo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/event_dialogs.py" line="287"/>
        <source>Save shift</source>
        <translation>Guardar turno</translation>
    </message>
</context>
<context>
    <name>StoreSecurityCard</name>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="113"/>
        <source>Protection of this computer&apos;s data</source>
        <translation>Protección de los datos de esta computadora</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="118"/>
        <source>Encrypt the store</source>
        <translation>Cifrar el almacén de datos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="120"/>
        <source>New key</source>
        <translation>Nueva clave</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="121"/>
        <source>Decrypt…</source>
        <translation>Descifrar…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="131"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="132"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="135"/>
        <source>Set lock passphrase…</source>
        <translation>Contraseña de bloqueo…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="138"/>
        <source>Lock the window after idle minutes:</source>
        <translation>Bloquear la ventana tras minutos sin uso:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="142"/>
        <source>Drop confirmed details after each sync</source>
        <translation>Quitar tras cada sincronización los datos confirmados</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="144"/>
        <source>Phones, emails, notes and contact results of people outside the newest turf packet, once HQ has confirmed it holds them. Off until a packet has arrived.</source>
        <translation>Teléfonos, correos, notas y resultados de contacto de las personas fuera del paquete de zonas más reciente, una vez que la sede confirmó que los tiene. No actúa hasta que llegue un paquete.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="163"/>
        <source>a key file</source>
        <translation>un archivo de clave</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="164"/>
        <source>this computer&apos;s credential store</source>
        <translation>el almacén de credenciales de esta computadora</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="166"/>
        <source>your passphrase</source>
        <translation>su contraseña</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="167"/>
        <source>The store is encrypted. Its key is kept in {where}.</source>
        <translation>El almacén de datos está cifrado. Su clave se guarda en {where}.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="169"/>
        <source>This store is on a database server; protect it on the server.</source>
        <translation>Este almacén de datos está en un servidor de bases de datos; protéjalo en el servidor.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="171"/>
        <source>The store is not encrypted: anyone with this computer&apos;s disk can read every name, address and phone number in it.</source>
        <translation>El almacén de datos no está cifrado: cualquiera con el disco de esta computadora puede leer cada nombre, dirección y teléfono que contiene.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="179"/>
        <source>Decrypt the store</source>
        <translation>Descifrar el almacén de datos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="180"/>
        <source>Anyone with this computer&apos;s disk will be able to read the store. An encrypted backup is kept beside it. Decrypt?</source>
        <translation>Cualquiera con el disco de esta computadora podrá leer el almacén de datos. Se guarda a su lado una copia de seguridad cifrada. ¿Descifrar?</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="188"/>
        <location filename="../../fieldapp/ui/store_security.py" line="201"/>
        <source>Store</source>
        <translation>Almacén de datos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="189"/>
        <source>Field App is still working on something; try again when it has finished.</source>
        <translation>Field App todavía está trabajando en algo; inténtelo de nuevo cuando termine.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="202"/>
        <source>Done. A backup of the store, encrypted, was written to {path}.</source>
        <translation>Listo. Se escribió una copia de seguridad cifrada del almacén de datos en {path}.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/store_security.py" line="207"/>
        <source>lock screen</source>
        <translation>pantalla de bloqueo</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="193"/>
        <source>Sync: campaign file unreadable</source>
        <translation>Sincronización: no se puede leer el archivo de la campaña</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="198"/>
        <source>Not joined to a campaign</source>
        <translation>Sin campaña</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="200"/>
        <source>Revoked by HQ: campaign data removed</source>
        <translation>Revocada por la sede: datos de la campaña borrados</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="202"/>
        <source>Revoked by HQ: not sending</source>
        <translation>Revocada por la sede: no se envía</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="205"/>
        <source>Sending {n} of {m}…</source>
        <translation>Enviando {n} de {m}…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="207"/>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="209"/>
        <source>Offline: {n} waiting</source>
        <translation>Sin conexión: {n} en espera</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="211"/>
        <source>Online: last sync {time}</source>
        <translation>En línea: última sincronización {time}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="213"/>
        <source>Last sync {time}, {n} waiting</source>
        <translation>Última sincronización {time}, {n} en espera</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/campaign.py" line="214"/>
        <source>Not synced yet, {n} waiting</source>
        <translation>Sin sincronizar todavía, {n} en espera</translation>
    </message>
</context>
<context>
    <name>Tables</name>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="80"/>
        <location filename="../../fieldapp/ui/sources.py" line="140"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="82"/>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="83"/>
        <source>ZIP</source>
        <translation>C.P.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="85"/>
        <source>Turf</source>
        <translation>Zona</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="87"/>
        <source>People</source>
        <translation>Pers.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="89"/>
        <source>Last result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="135"/>
        <location filename="../../fieldapp/ui/sources.py" line="195"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="136"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="137"/>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="138"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="142"/>
        <source>Flags</source>
        <translation>Avisos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="144"/>
        <source>DNC: do not call · DNT: do not text · DNE: do not email</source>
        <translation>DNC: no llamar · DNT: no enviar mensajes · DNE: no enviar correos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="196"/>
        <source>Doors</source>
        <translation>Puertas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="197"/>
        <source>Knocked</source>
        <translation>Tocadas</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="201"/>
        <source>Share of the turf&apos;s doors knocked at least once</source>
        <translation>Parte de las puertas de la zona tocadas al menos una vez</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="202"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="204"/>
        <source>Assigned</source>
        <translation>Asignado a</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="258"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="260"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="262"/>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="263"/>
        <source>Place</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="264"/>
        <source>Signups</source>
        <translation>Inscripciones</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sources.py" line="266"/>
        <source>People signed up (not declined) / capacity</source>
        <translation>Personas inscritas (sin contar las que declinaron) / cupo</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <location filename="../../fieldapp/ui/tasks.py" line="187"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/tasks.py" line="188"/>
        <source>Please wait</source>
        <translation>Espere, por favor</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/tasks.py" line="209"/>
        <source>Stopping…</source>
        <translation>Deteniendo…</translation>
    </message>
</context>
<context>
    <name>WalkInDialog</name>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="127"/>
        <source>Walk-in</source>
        <translation>Asistente sin inscripción</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="147"/>
        <source>(none)</source>
        <translation>(ninguna)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="151"/>
        <source>Do not call</source>
        <translation>No llamar</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="152"/>
        <source>Do not text</source>
        <translation>No enviar SMS</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="153"/>
        <source>Do not email</source>
        <translation>No enviar correos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="157"/>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="158"/>
        <source>Last name</source>
        <translation>Apellido</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="159"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="160"/>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="161"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="162"/>
        <source>Organization</source>
        <translation>Organización</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="163"/>
        <source>Consent</source>
        <translation>Consentimiento</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="165"/>
        <source>Check in</source>
        <translation>Registrar entrada</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/checkin.py" line="185"/>
        <source>Checking in…</source>
        <translation>Registrando…</translation>
    </message>
</context>
<context>
    <name>WalkSheetOptionsDialog</name>
    <message>
        <location filename="../../fieldapp/ui/walksheet_options.py" line="30"/>
        <source>Print walk list</source>
        <translation>Imprimir lista de recorrido</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/walksheet_options.py" line="32"/>
        <source>Show on the walk sheet:</source>
        <translation>Mostrar en la hoja de recorrido:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/walksheet_options.py" line="33"/>
        <source>Party column</source>
        <translation>Columna de partido</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/walksheet_options.py" line="34"/>
        <source>Registration status column</source>
        <translation>Columna de estado del registro</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/walksheet_options.py" line="36"/>
        <source>List removed, cancelled and deceased voters too</source>
        <translation>Incluir también a votantes dados de baja, cancelados o fallecidos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/walksheet_options.py" line="38"/>
        <source>They are left off by default; inactive voters are always listed and marked.</source>
        <translation>Se omiten por defecto; los votantes inactivos siempre aparecen, marcados.</translation>
    </message>
</context>
<context>
    <name>WelcomeWindow</name>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="89"/>
        <source>Welcome to {app}</source>
        <translation>Bienvenido a {app}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="94"/>
        <source>Welcome to Field App</source>
        <translation>Bienvenido a Field App</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="97"/>
        <source>Field App keeps your turfs, doors, people, door knocks and events on this computer, works without internet, and trades data with your office through sync bundles. How do you want to start?</source>
        <translation>Field App guarda sus zonas, puertas, personas, visitas y eventos en esta computadora, funciona sin internet e intercambia datos con su oficina mediante paquetes de sincronización. ¿Cómo quiere empezar?</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="112"/>
        <source>Explore the demo campaign</source>
        <translation>Explorar la campaña de demostración</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="113"/>
        <source>A living campaign in Milwaukee: three coalition groups, turfs, {n} doors, people, a week of door knocks and upcoming events.</source>
        <translation>Una campaña viva en Milwaukee: tres grupos de la coalición, zonas, {n} puertas, personas, una semana de visitas y próximos eventos.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="117"/>
        <source>Start a new campaign</source>
        <translation>Empezar una campaña nueva</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="118"/>
        <source>An empty campaign for your organization; import doors and cut turf next.</source>
        <translation>Una campaña vacía para su organización; después importe puertas y trace zonas.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="120"/>
        <source>Open a sync bundle from your office</source>
        <translation>Abrir un paquete de sincronización de su oficina</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="121"/>
        <source>A turf packet or a bundle a coordinator sent you (.fieldbundle).</source>
        <translation>Un paquete de zona o un paquete que le envió un coordinador (.fieldbundle).</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="123"/>
        <source>Join a campaign</source>
        <translation>Unirse a una campaña</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="124"/>
        <source>With the join file or printed code from HQ: your work then goes to HQ by itself whenever there is a connection.</source>
        <translation>Con el archivo o el código impreso de la sede: después su trabajo llega solo a la sede cada vez que haya conexión.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="143"/>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="202"/>
        <source>seeding the demo campaign</source>
        <translation>crear la campaña de demostración</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="205"/>
        <source>Seeding the demo campaign…</source>
        <translation>Creando la campaña de demostración…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="224"/>
        <source>Creating the campaign…</source>
        <translation>Creando la campaña…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="247"/>
        <source>Sync bundles</source>
        <translation>Paquetes de sincronización</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/welcome.py" line="248"/>
        <source>Opening sync bundles is coming soon. For now, start with the demo or a new campaign; the Sync page will import bundles.</source>
        <translation>Pronto se podrán abrir paquetes de sincronización. Por ahora, empiece con la demostración o con una campaña nueva; la página Sincronizar importará los paquetes.</translation>
    </message>
</context>
<context>
    <name>_Pane</name>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="91"/>
        <source>No contact yet.</source>
        <translation>Todavía sin contacto.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="100"/>
        <source>spoke with {name}</source>
        <translation>habló con {name}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/details.py" line="103"/>
        <source>by {name}</source>
        <translation>por {name}</translation>
    </message>
</context>
</TS>
