; Pult NSIS additions (included by electron-builder via nsis.include). Per-user install, so
; everything goes under HKCU. Registers Pult as a handler for tel:, callto: and sip: links:
;  - a ProgID (Pult.Link) whose open command passes the link after "--", so a crafted link can
;    never be read as a Chromium/Electron switch;
;  - Capabilities + RegisteredApplications, so Windows 10/11 lists Pult under
;    Settings > Apps > Default apps for those links (Windows keeps the user's choice; we do not
;    overwrite UserChoice);
;  - the scheme keys themselves only where no other program has claimed them.
!macro pultRegisterScheme SCHEME
  WriteRegStr HKCU "Software\Pult\Capabilities\URLAssociations" "${SCHEME}" "Pult.Link"
  ReadRegStr $0 HKCU "Software\Classes\${SCHEME}\shell\open\command" ""
  ${If} $0 == ""
    WriteRegStr HKCU "Software\Classes\${SCHEME}" "" "URL:${SCHEME}"
    WriteRegStr HKCU "Software\Classes\${SCHEME}" "URL Protocol" ""
    WriteRegStr HKCU "Software\Classes\${SCHEME}\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
    WriteRegStr HKCU "Software\Classes\${SCHEME}\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" -- "%1"'
  ${EndIf}
!macroend

!macro pultUnregisterScheme SCHEME
  ReadRegStr $0 HKCU "Software\Classes\${SCHEME}\shell\open\command" ""
  ${If} $0 == '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" -- "%1"'
    DeleteRegKey HKCU "Software\Classes\${SCHEME}"
  ${EndIf}
!macroend

!macro customInstall
  WriteRegStr HKCU "Software\Classes\Pult.Link" "" "Pult: телефонная ссылка"
  WriteRegStr HKCU "Software\Classes\Pult.Link" "URL Protocol" ""
  WriteRegStr HKCU "Software\Classes\Pult.Link\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr HKCU "Software\Classes\Pult.Link\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" -- "%1"'
  WriteRegStr HKCU "Software\Pult\Capabilities" "ApplicationName" "Pult"
  WriteRegStr HKCU "Software\Pult\Capabilities" "ApplicationDescription" "Pult — пульт оператора: звонки по ссылкам tel:, callto:, sip:"
  !insertmacro pultRegisterScheme "tel"
  !insertmacro pultRegisterScheme "callto"
  !insertmacro pultRegisterScheme "sip"
  WriteRegStr HKCU "Software\RegisteredApplications" "Pult" "Software\Pult\Capabilities"
!macroend

!macro customUnInstall
  !insertmacro pultUnregisterScheme "tel"
  !insertmacro pultUnregisterScheme "callto"
  !insertmacro pultUnregisterScheme "sip"
  DeleteRegValue HKCU "Software\RegisteredApplications" "Pult"
  DeleteRegKey HKCU "Software\Pult\Capabilities"
  DeleteRegKey /ifempty HKCU "Software\Pult"
  DeleteRegKey HKCU "Software\Classes\Pult.Link"
!macroend
