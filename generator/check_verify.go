package generator

// verification checks that signed update sources have the keys that verify them, and that the keys are used.
func (c *checker) verification(s *Spec) {
	for _, e := range s.Extensions {
		if e.Update == nil || !e.Update.Verify.Value {
			continue
		}
		at := e.Update.Verify.Pos
		if !s.Keyring.IsSet() && !s.meant("update_keyring") {
			c.add(at, msgVerifyNeedsKeyring)
		}
		if !e.Update.Source.IsSet() && !e.Update.meant("source") {
			c.add(at, msgVerifyBakery)
		} else if localSource(e.Update.Source.Value) {
			c.add(at, msgVerifyLocal)
		}
	}
	if s.Keyring.usable() && !s.verifies() {
		c.add(s.Keyring.Pos, msgKeyringUnused)
	}
}
