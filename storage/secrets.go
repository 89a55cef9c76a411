package storage

// Secrets are values kept in the store only when the system keyring is
// not available (credentials of feeds, app/shared/secrets). They are never
// written to a backup: a backup is a file that travels.
//
//	0x00 "secret" 0x00 name → value
var prefixSecret = []byte{prefixMeta, 's', 'e', 'c', 'r', 'e', 't', 0}

func isSecretKey(k []byte) bool {
	return len(k) >= len(prefixSecret) && string(k[:len(prefixSecret)]) == string(prefixSecret)
}
