/*
 * The Guest's test behaviours.  Each file registers its own with
 * GUEST_TEST("name", fn); "test=name" on the Guest's command line runs it,
 * after which the Guest powers off with "exit=N" (default 0).  The boot and
 * hostile tests in tests/ check what comes out the other side.
 */
#ifndef GUEST_TEST_H
#define GUEST_TEST_H

struct guest_test {
	const char *name;
	void (*fn)(void);
};

#define GUEST_TEST(name, fn)                                               \
	static const struct guest_test guest_test_##fn                     \
		__attribute__((used, section("guest_tests"), aligned(4))) = \
		{ name, fn }

/* For a behaviour that makes many checks: print each as "WHO: ok WHAT"
 * or "WHO: FAIL WHAT", and at the end crash if any failed. */
void test_check(const char *who, int ok, const char *what);
void test_finish(const char *who);

#endif
