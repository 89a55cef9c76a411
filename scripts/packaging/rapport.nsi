; Rapport's Windows installer, built by makensis (NSIS 3) in
; scripts/package.sh:
;
;   makensis -DVERSION=0.1.0 -DVERSION4=0.1.0.1 -DEXE=rapport.exe \
;            -DICON=rapport.ico -DOUTFILE=Rapport-0.1.0-setup.exe rapport.nsi
;
; * per user: no administrator rights; Rapport goes to
;   %LOCALAPPDATA%\Programs\Rapport, the shortcut to the user's Start menu and
;   the uninstaller to "Apps & features" (HKCU).
; * silent: "Rapport-setup.exe /S" installs with the defaults;
;   "uninstall.exe /S" removes the program and keeps the user's data.
; * the data folder (%LOCALAPPDATA%\Rapport, separate from the program's) is
;   removed only when the user ticks "Also delete my data" in the
;   uninstaller, or passes /DELETEDATA to a silent uninstall.

Unicode true
; A 64-bit installer for a 64-bit program: Debian's nsis ships the
; amd64-unicode stubs (and Wine then needs no 32-bit half). The official
; Windows build of NSIS has only x86 stubs: there, -DTARGET=x86-unicode.
!ifndef TARGET
  !define TARGET amd64-unicode
!endif
Target ${TARGET}
SetCompressor /SOLID lzma
RequestExecutionLevel user
ManifestDPIAware true

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!define APPNAME   "Rapport"
!define APPID     "app.rapport.desktop"
!define PUBLISHER "The Rapport developers"
!define WEBSITE   "https://rapport.app"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPID}"

Name "${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
InstallDirRegKey HKCU "Software\${APPNAME}" "InstallDir"
BrandingText "${APPNAME} ${VERSION}"

VIProductVersion "${VERSION4}"
VIAddVersionKey "ProductName" "${APPNAME}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APPNAME} installer"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\rapport.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${APPNAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!define MUI_COMPONENTSPAGE_TEXT_TOP "${APPNAME} will be removed from this computer. Your mentions, contacts and settings stay in your data folder unless you tick the box below."
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

Section "Rapport" SecApp
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "/oname=rapport.exe" "${EXE}"
  File "/oname=rapport.ico" "${ICON}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\rapport.exe" "" "$INSTDIR\rapport.ico" 0 \
    SW_SHOWNORMAL "" "Social listening and advocate CRM"

  WriteRegStr HKCU "Software\${APPNAME}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\rapport.exe,0"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTKEY}" "URLInfoAbout" "${WEBSITE}"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" "$0"
SectionEnd

Section "un.${APPNAME}" UnSecApp
  SectionIn RO
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$INSTDIR\rapport.exe"
  Delete "$INSTDIR\rapport.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "Software\${APPNAME}"
SectionEnd

; Unticked unless the user ticks it (or passes /DELETEDATA): the data folder
; is what Rapport knows about the user's business.
Section /o "un.Also delete my data" UnSecData
  RMDir /r "$LOCALAPPDATA\${APPNAME}"
  ; Fyne keeps window preferences under %APPDATA%\fyne\<app ID>.
  RMDir /r "$APPDATA\fyne\${APPID}"
SectionEnd

LangString DESC_UnSecData ${LANG_ENGLISH} "Deletes $LOCALAPPDATA\${APPNAME}: every mention, contact, note and setting. Keep it unticked to reinstall later and carry on where you left off."
!insertmacro MUI_UNFUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${UnSecData} $(DESC_UnSecData)
!insertmacro MUI_UNFUNCTION_DESCRIPTION_END

Function un.onInit
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/DELETEDATA" $R1
  ${IfNot} ${Errors}
    SectionSetFlags ${UnSecData} ${SF_SELECTED}
  ${EndIf}
FunctionEnd
