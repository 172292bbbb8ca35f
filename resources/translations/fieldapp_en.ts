<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AcceptBundleBox</name>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/accept_dialog.py" line="44"/>
        <source>%Ln minute(s)</source>
        <translation>
            <numerusform>%Ln minute</numerusform>
            <numerusform>%Ln minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/accept_dialog.py" line="47"/>
        <source>%Ln hour(s)</source>
        <translation>
            <numerusform>%Ln hour</numerusform>
            <numerusform>%Ln hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/accept_dialog.py" line="48"/>
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln day</numerusform>
            <numerusform>%Ln days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CheckInDialog</name>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/checkin.py" line="330"/>
        <source>%Ln of the RSVPs</source>
        <translation>
            <numerusform>%Ln of the RSVPs</numerusform>
            <numerusform>%Ln of the RSVPs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/checkin.py" line="331"/>
        <source>%Ln walk-in(s)</source>
        <translation>
            <numerusform>%Ln walk-in</numerusform>
            <numerusform>%Ln walk-ins</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/checkin.py" line="332"/>
        <source>%Ln waitlisted</source>
        <translation>
            <numerusform>%Ln waitlisted</numerusform>
            <numerusform>%Ln waitlisted</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="134"/>
        <source>%n door(s) in walk order</source>
        <translation>
            <numerusform>%n door in walk order</numerusform>
            <numerusform>%n doors in walk order</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="135"/>
        <source>%n to knock</source>
        <translation>
            <numerusform>%n to knock</numerusform>
            <numerusform>%n to knock</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="136"/>
        <source>%n with a result</source>
        <translation>
            <numerusform>%n with a result</numerusform>
            <numerusform>%n with a result</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="141"/>
        <source>Whole household (%n)</source>
        <translation>
            <numerusform>Whole household (%n)</numerusform>
            <numerusform>Whole household (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="184"/>
        <source>Support and answers belong to the person you spoke with: pick who (keys 1-%n).</source>
        <translation>
            <numerusform>Support and answers belong to the person you spoke with: pick who (key 1).</numerusform>
            <numerusform>Support and answers belong to the person you spoke with: pick who (keys 1-%n).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/canvass/page.py" line="263"/>
        <source>%n door(s) entered this session.</source>
        <translation>
            <numerusform>%n door entered this session.</numerusform>
            <numerusform>%n doors entered this session.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="204"/>
        <source>%n attempt(s) recorded</source>
        <translation>
            <numerusform>%n attempt recorded</numerusform>
            <numerusform>%n attempts recorded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/dashboard.py" line="212"/>
        <source>for %n upcoming event(s)</source>
        <translation>
            <numerusform>for %n upcoming event</numerusform>
            <numerusform>for %n upcoming events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/doors.py" line="58"/>
        <source>%Ln door(s) match</source>
        <translation>
            <numerusform>%Ln door matches</numerusform>
            <numerusform>%Ln doors match</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/doors.py" line="59"/>
        <location filename="../../fieldapp/ui/pages/map.py" line="209"/>
        <source>%Ln door(s)</source>
        <translation>
            <numerusform>%Ln door</numerusform>
            <numerusform>%Ln doors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/events.py" line="267"/>
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln event</numerusform>
            <numerusform>%Ln events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/events.py" line="269"/>
        <source>%Ln upcoming event(s)</source>
        <translation>
            <numerusform>%Ln upcoming event</numerusform>
            <numerusform>%Ln upcoming events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/events.py" line="325"/>
        <source>(+%Ln waitlisted)</source>
        <translation>
            <numerusform>(+%Ln waitlisted)</numerusform>
            <numerusform>(+%Ln waitlisted)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/events.py" line="329"/>
        <source>%Ln RSVP(s)</source>
        <translation>
            <numerusform>%Ln RSVP</numerusform>
            <numerusform>%Ln RSVPs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/events.py" line="329"/>
        <source>%Ln arrived</source>
        <translation>
            <numerusform>%Ln arrived</numerusform>
            <numerusform>%Ln arrived</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/events.py" line="330"/>
        <source>%Ln walk-in(s)</source>
        <translation>
            <numerusform>%Ln walk-in</numerusform>
            <numerusform>%Ln walk-ins</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/events.py" line="330"/>
        <source>%Ln waitlisted</source>
        <translation>
            <numerusform>%Ln waitlisted</numerusform>
            <numerusform>%Ln waitlisted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/map.py" line="209"/>
        <source>%Ln turf(s) on the map.</source>
        <translation>
            <numerusform>%Ln turf on the map.</numerusform>
            <numerusform>%Ln turfs on the map.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/people.py" line="44"/>
        <source>%Ln people match</source>
        <translation>
            <numerusform>%Ln person matches</numerusform>
            <numerusform>%Ln people match</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/people.py" line="45"/>
        <source>%Ln people</source>
        <translation>
            <numerusform>%Ln person</numerusform>
            <numerusform>%Ln people</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/sync.py" line="324"/>
        <source>Conflicts (%n)</source>
        <translation>
            <numerusform>Conflicts (%n)</numerusform>
            <numerusform>Conflicts (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/sync.py" line="325"/>
        <source>Possible duplicates (%n)</source>
        <translation>
            <numerusform>Possible duplicates (%n)</numerusform>
            <numerusform>Possible duplicates (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/pages/turfs.py" line="294"/>
        <source>%Ln turf(s)</source>
        <translation>
            <numerusform>%Ln turf</numerusform>
            <numerusform>%Ln turfs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RevokedWords</name>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/campaign.py" line="297"/>
        <source>Your last work was sent to HQ (%n bundle(s)).</source>
        <translation>
            <numerusform>Your last work was sent to HQ (%n bundle).</numerusform>
            <numerusform>Your last work was sent to HQ (%n bundles).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/campaign.py" line="310"/>
        <source>%n bundle(s) of work could not be sent ({why}). They stay in {folder}, encrypted so that only HQ can open them: hand them to HQ on a USB stick.</source>
        <translation>
            <numerusform>%n bundle of work could not be sent ({why}). It stays in {folder}, encrypted so that only HQ can open it: hand it to HQ on a USB stick.</numerusform>
            <numerusform>%n bundles of work could not be sent ({why}). They stay in {folder}, encrypted so that only HQ can open them: hand them to HQ on a USB stick.</numerusform>
        </translation>
    </message>
</context>
</TS>
