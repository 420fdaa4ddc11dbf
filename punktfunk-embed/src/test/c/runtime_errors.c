/*
 * What an app sees when the library cannot start Java: every call that needs the JVM returns
 * PUNKTFUNK_ERR_RUNTIME with a reason, the process goes on, and calls that need no JVM still work.
 * usage: runtime_errors SUBSTRING_OF_THE_REASON
 */
#include "punktfunk_core.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        return 2;
    }
    PunktfunkOptions o;
    punktfunk_options_init(&o);
    o.host = "127.0.0.1";
    PunktfunkClient *c = NULL;
    int failures = 0;
    for (int attempt = 0; attempt < 2; attempt++) { /* the failure is remembered, not retried */
        int rc = punktfunk_create(&o, &c);
        printf("create: %s: %s\n", punktfunk_error_name(rc), punktfunk_last_error());
        if (rc != PUNKTFUNK_ERR_RUNTIME || c != NULL || strstr(punktfunk_last_error(), argv[1]) == NULL) {
            failures++;
        }
    }
    if (punktfunk_connect(NULL) != PUNKTFUNK_ERR_INVALID_ARGUMENT || punktfunk_abi_version() != PUNKTFUNK_ABI_VERSION) {
        failures++;
    }
    printf("%s\n", failures ? "RUNTIME ERRORS FAILED" : "RUNTIME ERRORS OK");
    return failures ? 1 : 0;
}
