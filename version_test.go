package main

import "testing"

// The embedded FyneApp.toml gives the version and agrees with the app ID
// main.go opens the window with.
func TestVersionComesFromFyneAppTOML(t *testing.T) {
	d, err := readDetails(fyneAppTOML)
	if err != nil {
		t.Fatalf("FyneApp.toml: %v", err)
	}
	if d.Version == "" || version != d.Version {
		t.Errorf("version %q, FyneApp.toml says %q", version, d.Version)
	}
	if d.ID != appID {
		t.Errorf("appID %q, FyneApp.toml says %q", appID, d.ID)
	}
}

func TestAppVersionFallsBack(t *testing.T) {
	for _, tc := range []struct{ name, toml, want string }{
		{"given", "[Details]\nVersion = \"1.2.3\"\n", "1.2.3"},
		{"blank", "[Details]\nVersion = \" \"\n", "fb"},
		{"missing", "[Details]\nName = \"Rapport\"\n", "fb"},
		{"broken", "[Details\n", "fb"},
	} {
		if got := appVersion([]byte(tc.toml), "fb"); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}
