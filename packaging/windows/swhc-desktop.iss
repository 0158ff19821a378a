; Inno Setup 6 recipe for the Windows installer of SWHC Desktop.
;
; Installs for the current user only, without administrator rights (council laptops rarely grant them):
; the app goes to %LOCALAPPDATA%\Programs\SWHC Desktop, a Start-menu entry is added for this user, and .swhc files
; open with the app. Uninstalling removes the app and those entries only: health-check files, the demo, backups and
; logs (kept in %LOCALAPPDATA%\SWHC Desktop) are the user's and are never touched.
;
; Build (see README, "Building the Windows installer"):
;   iscc /DAppVersion=0.1.0 packaging\windows\swhc-desktop.iss
; from the top of the repository, after `pyinstaller build.spec` has made "dist\SWHC Desktop".

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "SWHC Desktop"
#define AppExe "swhc-desktop.exe"

[Setup]
AppId={{6C3F3C4E-2B8D-4B8F-9A59-5357484344A1}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=SWHC Desktop
AppComments=The Social Work Health Check: questionnaire, responses, findings and action plan, offline.
; Per-user install: no UAC prompt, no admin rights needed. {autopf} and {autoprograms} then mean the user's own folders.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ChangesAssociations=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=..\..\resources\icons\swhc.ico
UninstallDisplayIcon={app}\{#AppExe}
OutputDir=..\..\dist
OutputBaseFilename=SWHC-Desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
LicenseFile=..\..\resources\LICENSE.txt

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "Put a shortcut on the desktop"; GroupDescription: "Shortcuts:"; Flags: unchecked

[Files]
Source: "..\..\dist\SWHC Desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .swhc files open with the app, for this user (HKA is HKCU in a per-user install). The keys go on uninstall.
Root: HKA; Subkey: "Software\Classes\.swhc"; ValueType: string; ValueName: ""; ValueData: "SWHCDesktop.HealthCheck"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\SWHCDesktop.HealthCheck"; ValueType: string; ValueName: ""; ValueData: "Social Work Health Check file"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\SWHCDesktop.HealthCheck\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\SWHCDesktop.HealthCheck\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "Open {#AppName} now"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section on purpose: everything the user made stays where it is.
