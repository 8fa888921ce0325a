/*
 * init's arguments from the command line (init_args.h).  Linux's rules,
 * from init/main.c and lib/cmdline.c: the command line is the kernel's
 * first, so words it knows are its own; a "key=value" it does not know
 * goes into init's environment and a bare word into its argv; "--" ends
 * the kernel's part, and what follows is init's alone, '=' or not.  One
 * addition: inside double quotes, \" and \\ are a quote and a backslash,
 * so any word can be said.  The
 * environment starts as Linux's does, HOME=/ and TERM=linux.
 */
#include "boot/init_args.h"
#include "kstring.h"

static int is_kernel_key(const char *word, const char *const *keys)
{
	size_t n = strchr(word, '=') ? (size_t)(strchr(word, '=') - word) : strlen(word);

	for (; *keys; keys++)
		if (strlen(*keys) == n && !strncmp(word, *keys, n))
			return 1;
	return 0;
}

const char *init_args_parse(const char *cmdline, const char *const *kernel_keys,
			    char *buf, size_t size, struct init_args *out)
{
	static const char *const default_env[] = { "HOME=/", "TERM=linux" };
	size_t used = 0;
	int after_dashes = 0;
	const char *s = cmdline;

	memset(out, 0, sizeof(*out));
	out->init = "/init";
	out->argv[out->argc++] = (char *)out->init;
	for (unsigned i = 0; i < sizeof(default_env) / sizeof(*default_env); i++)
		out->envp[out->envc++] = (char *)default_env[i];

	for (;;) {
		char *word = buf + used;
		int quoted = 0;

		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (!*s)
			break;
		/* One word: quotes group spaces and are dropped.  Inside
		 * quotes \" and \\ stand for " and \ (Linux has no way to say
		 * a quote; the lguest command needs one for any word). */
		while (*s && (quoted || (*s != ' ' && *s != '\t' && *s != '\n'))) {
			if (*s == '"') {
				quoted = !quoted;
				s++;
				continue;
			}
			if (quoted && *s == '\\' && (s[1] == '"' || s[1] == '\\'))
				s++;
			if (used + 1 >= size)
				return "the command line is too long";
			buf[used++] = *s++;
		}
		buf[used++] = '\0';

		if (!after_dashes && !strcmp(word, "--")) {
			after_dashes = 1;
		} else if (after_dashes || !strchr(word, '=')) {
			if (!after_dashes && is_kernel_key(word, kernel_keys)) {
				if (out->nkernel == INIT_MAX_ARGS)
					return "too many words for the kernel";
				out->kernel[out->nkernel++] = word;
				continue;
			}
			if (out->argc == INIT_MAX_ARGS)
				return "too many arguments for init";
			out->argv[out->argc++] = word;
		} else if (!strncmp(word, "rdinit=", 7)) {
			out->init = word + 7;
			out->argv[0] = word + 7;
		} else if (is_kernel_key(word, kernel_keys)) {
			if (out->nkernel == INIT_MAX_ARGS)
				return "too many words for the kernel";
			out->kernel[out->nkernel++] = word;
		} else {
			if (out->envc == INIT_MAX_ENVS)
				return "too many environment words for init";
			out->envp[out->envc++] = word;
		}
	}
	out->argv[out->argc] = NULL;
	out->envp[out->envc] = NULL;
	out->kernel[out->nkernel] = NULL;
	return NULL;
}
