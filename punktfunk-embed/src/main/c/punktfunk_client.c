/*
 * libpunktfunk_client.so: the C ABI of punktfunk_core.h over the JNI invocation API.
 *
 * The first call that needs Java loads libjvm.so (PUNKTFUNK_JAVA_HOME, JAVA_HOME, then the
 * Temurin 25 default path) with dlopen, starts one JVM on a helper thread with the launcher's flags
 * and this library's class path, and caches io.punktfunk.embed.EmbedBridge. Every function then
 * calls one static method of EmbedBridge, which never throws; a pending exception anyway (a bug)
 * becomes PUNKTFUNK_ERR_INTERNAL. Calling threads are attached as daemons and detached when they
 * exit. docs/embedding.md has the why.
 */
#define _GNU_SOURCE
#include "punktfunk_core.h"

#include <dirent.h>
#include <dlfcn.h>
#include <jni.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define API __attribute__((visibility("default")))
#define ERROR_BYTES 1024

static _Thread_local char last_error[ERROR_BYTES];

static pthread_mutex_t jvm_lock = PTHREAD_MUTEX_INITIALIZER;
static JavaVM *jvm;
static int jvm_failed;               /* a failed start is final: JNI allows one JVM per process */
static char jvm_failure[ERROR_BYTES];
static jclass bridge;
static pthread_key_t detach_key;

static jmethodID m_take_last_error, m_create, m_destroy, m_pair, m_connect, m_poll_frame, m_poll_audio,
        m_poll_rumble, m_set_frame_cb, m_set_audio_cb, m_set_rumble_cb, m_send_input, m_stats,
        m_request_keyframe, m_disconnect;

static int set_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int set_error(int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_error, sizeof last_error, fmt, ap);
    va_end(ap);
    return code;
}

/* ---- finding and starting the JVM --------------------------------------------------------- */

struct strbuf {
    char *data;
    size_t len, cap;
    int oom;
};

static void sb_add(struct strbuf *b, const char *s) {
    size_t n = strlen(s);
    if (b->oom) {
        return;
    }
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->cap + n + 1) * 2;
        char *d = realloc(b->data, cap);
        if (d == NULL) {
            b->oom = 1;
            return;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n + 1);
    b->len += n;
}

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(char *const *) a, *(char *const *) b);
}

/* JNI does not expand a "dir/ *" entry as the java launcher does: list the jars (sorted, so runs repeat). */
static void add_classpath_entry(struct strbuf *cp, const char *entry) {
    size_t n = strlen(entry);
    if (n >= 2 && strcmp(entry + n - 2, "/*") == 0) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%.*s", (int) (n - 2), entry);
        DIR *d = opendir(dir);
        if (d == NULL) {
            return;
        }
        char **names = NULL;
        size_t count = 0, cap = 0;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            size_t l = strlen(e->d_name);
            if (l > 4 && strcmp(e->d_name + l - 4, ".jar") == 0) {
                if (count == cap) {
                    cap = cap ? cap * 2 : 64;
                    char **grown = realloc(names, cap * sizeof *names);
                    if (grown == NULL) {
                        break;
                    }
                    names = grown;
                }
                names[count++] = strdup(e->d_name);
            }
        }
        closedir(d);
        qsort(names, count, sizeof *names, cmp_names);
        for (size_t i = 0; i < count; i++) {
            if (names[i] != NULL) {
                if (cp->len) {
                    sb_add(cp, ":");
                }
                sb_add(cp, dir);
                sb_add(cp, "/");
                sb_add(cp, names[i]);
                free(names[i]);
            }
        }
        free(names);
        return;
    }
    if (cp->len) {
        sb_add(cp, ":");
    }
    sb_add(cp, entry);
}

/* PUNKTFUNK_CLASSPATH, else the build/install layout around this library: native/../{punktfunk-embed.jar,lib/}. */
static void build_classpath(struct strbuf *option) {
    const char *env = getenv("PUNKTFUNK_CLASSPATH");
    char *list;
    if (env != NULL && *env) {
        list = strdup(env);
    } else {
        Dl_info info;
        char self[4096] = ".";
        if (dladdr((void *) &build_classpath, &info) && info.dli_fname != NULL && strchr(info.dli_fname, '/')) {
            snprintf(self, sizeof self, "%s", info.dli_fname);
            *strrchr(self, '/') = '\0';
        }
        size_t n = strlen(self) * 2 + 64;
        list = malloc(n);
        if (list != NULL) {
            snprintf(list, n, "%s/../punktfunk-embed.jar:%s/../lib/*", self, self);
        }
    }
    if (list == NULL) {
        option->oom = 1;
        return;
    }
    struct strbuf entries = {0};
    char *save = NULL;
    for (char *tok = strtok_r(list, ":", &save); tok != NULL; tok = strtok_r(NULL, ":", &save)) {
        if (*tok) {
            add_classpath_entry(&entries, tok);
        }
    }
    free(list);
    sb_add(option, "-Djava.class.path=");
    sb_add(option, entries.data != NULL ? entries.data : "");
    option->oom |= entries.oom;
    free(entries.data);
}

static void detach_on_exit(void *unused) {
    (void) unused;
    JNIEnv *env;
    if (jvm != NULL && (*jvm)->GetEnv(jvm, (void **) &env, JNI_VERSION_10) == JNI_OK) {
        (*jvm)->DetachCurrentThread(jvm);
    }
}

struct start_args {
    JavaVMInitArgs init;
    jint (*create)(JavaVM **, void **, void *);
    jint rc;
    JavaVM *vm;
    char error[ERROR_BYTES];
};

static int cache_methods(JNIEnv *env, char *error, size_t error_len) {
    jclass c = (*env)->FindClass(env, "io/punktfunk/embed/EmbedBridge");
    if (c == NULL) {
        (*env)->ExceptionClear(env);
        snprintf(error, error_len, "class io.punktfunk.embed.EmbedBridge not on the class path "
                 "(set PUNKTFUNK_CLASSPATH, or keep native/ beside punktfunk-embed.jar and lib/)");
        return 0;
    }
    bridge = (*env)->NewGlobalRef(env, c);
    struct {
        jmethodID *id;
        const char *name, *sig;
    } methods[] = {
        {&m_take_last_error, "takeLastError", "()Ljava/lang/String;"},
        {&m_create, "create", "(Ljava/lang/String;ILjava/lang/String;Ljava/lang/String;IIIIIIIII)J"},
        {&m_destroy, "destroy", "(J)I"},
        {&m_pair, "pair", "(JLjava/lang/String;)I"},
        {&m_connect, "connect", "(J)I"},
        {&m_poll_frame, "pollFrame", "(JJI)I"},
        {&m_poll_audio, "pollAudio", "(JJI)I"},
        {&m_poll_rumble, "pollRumble", "(JJ)I"},
        {&m_set_frame_cb, "setFrameCallback", "(JJJ)I"},
        {&m_set_audio_cb, "setAudioCallback", "(JJJ)I"},
        {&m_set_rumble_cb, "setRumbleCallback", "(JJJ)I"},
        {&m_send_input, "sendInput", "(JIIIII)I"},
        {&m_stats, "stats", "(JJ)I"},
        {&m_request_keyframe, "requestKeyframe", "(J)I"},
        {&m_disconnect, "disconnect", "(JLjava/lang/String;)I"},
    };
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        *methods[i].id = (*env)->GetStaticMethodID(env, bridge, methods[i].name, methods[i].sig);
        if (*methods[i].id == NULL) {
            (*env)->ExceptionClear(env);
            snprintf(error, error_len, "EmbedBridge.%s%s missing: library and jar are from different builds",
                     methods[i].name, methods[i].sig);
            return 0;
        }
    }
    return 1;
}

/* On its own thread: the process's main thread may have a small or guard-less stack, and the
 * java launcher never creates a JVM on the primordial thread either. */
static void *start_thread(void *p) {
    struct start_args *a = p;
    JNIEnv *env;
    a->rc = a->create(&a->vm, (void **) &env, &a->init);
    if (a->rc != JNI_OK) {
        snprintf(a->error, sizeof a->error, "JNI_CreateJavaVM failed (%d)", (int) a->rc);
        return NULL;
    }
    jvm = a->vm;
    if (!cache_methods(env, a->error, sizeof a->error)) {
        a->rc = JNI_ERR;
    }
    (*a->vm)->DetachCurrentThread(a->vm);
    return NULL;
}

static int start_jvm(void) {
    const char *home = getenv("PUNKTFUNK_JAVA_HOME");
    if (home == NULL || !*home) {
        home = getenv("JAVA_HOME");
    }
    if (home == NULL || !*home) {
        home = "/usr/lib/jvm/temurin-25-jdk-amd64";
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/lib/server/libjvm.so", home);
    void *lib = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
    if (lib == NULL) {
        snprintf(jvm_failure, sizeof jvm_failure, "no Java runtime: cannot load %s (%s); set PUNKTFUNK_JAVA_HOME "
                 "to a JDK 25", path, dlerror());
        return 0;
    }
    jint (*created)(JavaVM **, jsize, jsize *) = (jint (*)(JavaVM **, jsize, jsize *)) dlsym(lib, "JNI_GetCreatedJavaVMs");
    jint (*create)(JavaVM **, void **, void *) = (jint (*)(JavaVM **, void **, void *)) dlsym(lib, "JNI_CreateJavaVM");
    if (created == NULL || create == NULL) {
        snprintf(jvm_failure, sizeof jvm_failure, "%s has no JNI invocation API", path);
        return 0;
    }
    JavaVM *existing;
    jsize count = 0;
    if (created(&existing, 1, &count) == JNI_OK && count > 0) {
        /* the app already runs a JVM (it can only have one): use it, if it has our classes */
        JNIEnv *env;
        if ((*existing)->AttachCurrentThreadAsDaemon(existing, (void **) &env, NULL) != JNI_OK) {
            snprintf(jvm_failure, sizeof jvm_failure, "cannot attach to the JVM already in this process");
            return 0;
        }
        jvm = existing;
        pthread_setspecific(detach_key, (void *) 1);
        return cache_methods(env, jvm_failure, sizeof jvm_failure);
    }

    struct strbuf cp = {0};
    build_classpath(&cp);
    if (cp.oom) {
        free(cp.data);
        snprintf(jvm_failure, sizeof jvm_failure, "out of memory building the class path");
        return 0;
    }
    /* the launcher's flags (docs/architecture.md), -Xrs so the app keeps SIGINT/SIGTERM/SIGQUIT */
    const char *fixed[] = {
        cp.data,
        "--add-modules=jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED",
        "--add-opens=java.base/com.sun.crypto.provider=ALL-UNNAMED",
        "-Xss4m",
        "-Xrs",
        "-Djava.awt.headless=true",
    };
    enum { FIXED = sizeof fixed / sizeof fixed[0], EXTRA = 32 };
    JavaVMOption options[FIXED + EXTRA];
    int n = 0;
    for (int i = 0; i < FIXED; i++) {
        options[n].optionString = (char *) fixed[i];
        options[n++].extraInfo = NULL;
    }
    char *extra = NULL;
    const char *extra_env = getenv("PUNKTFUNK_JVM_OPTIONS"); /* e.g. "-Xmx256m", space-separated */
    if (extra_env != NULL && *extra_env) {
        extra = strdup(extra_env);
        char *save = NULL;
        for (char *tok = extra ? strtok_r(extra, " ", &save) : NULL; tok != NULL && n < FIXED + EXTRA;
             tok = strtok_r(NULL, " ", &save)) {
            options[n].optionString = tok;
            options[n++].extraInfo = NULL;
        }
    }
    struct start_args a;
    memset(&a, 0, sizeof a);
    a.init.version = JNI_VERSION_10;
    a.init.nOptions = n;
    a.init.options = options;
    a.init.ignoreUnrecognized = JNI_FALSE;
    a.create = create;
    pthread_attr_t attr;
    pthread_t t;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 8u << 20);
    int ok = pthread_create(&t, &attr, start_thread, &a) == 0;
    pthread_attr_destroy(&attr);
    if (ok) {
        pthread_join(t, NULL);
    }
    free(extra);
    free(cp.data);
    if (!ok) {
        snprintf(jvm_failure, sizeof jvm_failure, "cannot start a thread for the JVM");
        return 0;
    }
    if (a.rc != JNI_OK) {
        snprintf(jvm_failure, sizeof jvm_failure, "%s (JAVA_HOME %s)", a.error, home);
        return 0;
    }
    return 1;
}

/* This thread's JNIEnv, starting the JVM on first use. 0 + last error on failure. */
static int env_for_thread(JNIEnv **env) {
    pthread_mutex_lock(&jvm_lock);
    if (jvm == NULL && !jvm_failed) {
        pthread_key_create(&detach_key, detach_on_exit);
        if (!start_jvm()) {
            jvm_failed = 1;
            jvm = NULL;
        }
    }
    int failed = jvm_failed;
    pthread_mutex_unlock(&jvm_lock);
    if (failed) {
        set_error(PUNKTFUNK_ERR_RUNTIME, "%s", jvm_failure);
        return 0;
    }
    jint rc = (*jvm)->GetEnv(jvm, (void **) env, JNI_VERSION_10);
    if (rc == JNI_EDETACHED) {
        if ((*jvm)->AttachCurrentThreadAsDaemon(jvm, (void **) env, NULL) != JNI_OK) {
            set_error(PUNKTFUNK_ERR_RUNTIME, "cannot attach this thread to the JVM");
            return 0;
        }
        pthread_setspecific(detach_key, (void *) 1); /* non-NULL: the destructor runs at thread exit */
    } else if (rc != JNI_OK) {
        set_error(PUNKTFUNK_ERR_RUNTIME, "JNI GetEnv failed (%d)", (int) rc);
        return 0;
    }
    return 1;
}

/* After a bridge call: a pending exception is a bug (the bridge catches everything); otherwise
 * fetch the bridge's message for a failure. */
static int finish(JNIEnv *env, int code) {
    if ((*env)->ExceptionCheck(env)) {
        jthrowable t = (*env)->ExceptionOccurred(env);
        (*env)->ExceptionClear(env);
        snprintf(last_error, sizeof last_error, "unexpected Java exception");
        if ((*env)->PushLocalFrame(env, 8) != JNI_OK) { /* attached threads free local refs only at detach */
            (*env)->ExceptionClear(env);
            (*env)->DeleteLocalRef(env, t);
            return PUNKTFUNK_ERR_INTERNAL;
        }
        jclass oc = (*env)->FindClass(env, "java/lang/Object");
        jmethodID ts = oc ? (*env)->GetMethodID(env, oc, "toString", "()Ljava/lang/String;") : NULL;
        jstring s = ts ? (jstring) (*env)->CallObjectMethod(env, t, ts) : NULL;
        if ((*env)->ExceptionCheck(env)) {
            (*env)->ExceptionClear(env);
        } else if (s != NULL) {
            const char *c = (*env)->GetStringUTFChars(env, s, NULL);
            if (c != NULL) {
                snprintf(last_error, sizeof last_error, "unexpected Java exception: %s", c);
                (*env)->ReleaseStringUTFChars(env, s, c);
            }
        }
        (*env)->PopLocalFrame(env, NULL);
        (*env)->DeleteLocalRef(env, t);
        return PUNKTFUNK_ERR_INTERNAL;
    }
    if (code == PUNKTFUNK_OK) {
        last_error[0] = '\0';
        return code;
    }
    jstring s = (jstring) (*env)->CallStaticObjectMethod(env, bridge, m_take_last_error);
    if ((*env)->ExceptionCheck(env)) {
        (*env)->ExceptionClear(env);
        s = NULL;
    }
    last_error[0] = '\0';
    if (s != NULL) {
        const char *c = (*env)->GetStringUTFChars(env, s, NULL);
        if (c != NULL) {
            snprintf(last_error, sizeof last_error, "%s", c);
            (*env)->ReleaseStringUTFChars(env, s, c);
        }
        (*env)->DeleteLocalRef(env, s);
    }
    if (!last_error[0]) {
        snprintf(last_error, sizeof last_error, "%s", punktfunk_error_name(code));
    }
    return code;
}

/* NULL stays NULL; a string the JVM cannot take (out of memory) is reported by the caller. */
static jstring jstr(JNIEnv *env, const char *s, int *failed) {
    if (s == NULL) {
        return NULL;
    }
    jstring j = (*env)->NewStringUTF(env, s);
    if (j == NULL) {
        (*env)->ExceptionClear(env);
        *failed = 1;
    }
    return j;
}

static jlong handle_id(PunktfunkClient *c) {
    return (jlong) (uintptr_t) c;
}

#define REQUIRE_CLIENT(c) \
    do { \
        if ((c) == NULL) { \
            return set_error(PUNKTFUNK_ERR_INVALID_ARGUMENT, "%s: client handle is NULL", __func__); \
        } \
    } while (0)

#define ENV_OR_RETURN(env) \
    JNIEnv *env; \
    if (!env_for_thread(&env)) { \
        return PUNKTFUNK_ERR_RUNTIME; \
    }

/* ---- the API ------------------------------------------------------------------------------ */

API uint32_t punktfunk_abi_version(void) {
    return PUNKTFUNK_ABI_VERSION;
}

API int punktfunk_options_init(PunktfunkOptions *opts) {
    if (opts == NULL) {
        return set_error(PUNKTFUNK_ERR_INVALID_ARGUMENT, "punktfunk_options_init: opts is NULL");
    }
    memset(opts, 0, sizeof *opts);
    opts->struct_size = sizeof *opts;
    last_error[0] = '\0';
    return PUNKTFUNK_OK;
}

API const char *punktfunk_last_error(void) {
    return last_error;
}

API const char *punktfunk_error_name(int code) {
    switch (code) {
    case PUNKTFUNK_OK: return "PUNKTFUNK_OK";
    case PUNKTFUNK_ERR_INVALID_ARGUMENT: return "PUNKTFUNK_ERR_INVALID_ARGUMENT";
    case PUNKTFUNK_ERR_STATE: return "PUNKTFUNK_ERR_STATE";
    case PUNKTFUNK_ERR_RUNTIME: return "PUNKTFUNK_ERR_RUNTIME";
    case PUNKTFUNK_ERR_CONNECT: return "PUNKTFUNK_ERR_CONNECT";
    case PUNKTFUNK_ERR_NOT_PAIRED: return "PUNKTFUNK_ERR_NOT_PAIRED";
    case PUNKTFUNK_ERR_REFUSED: return "PUNKTFUNK_ERR_REFUSED";
    case PUNKTFUNK_ERR_TIMEOUT: return "PUNKTFUNK_ERR_TIMEOUT";
    case PUNKTFUNK_ERR_CLOSED: return "PUNKTFUNK_ERR_CLOSED";
    case PUNKTFUNK_ERR_IO: return "PUNKTFUNK_ERR_IO";
    case PUNKTFUNK_ERR_INTERNAL: return "PUNKTFUNK_ERR_INTERNAL";
    default: return "PUNKTFUNK_ERR_UNKNOWN";
    }
}

API int punktfunk_create(const PunktfunkOptions *opts, PunktfunkClient **out) {
    if (opts == NULL || out == NULL) {
        return set_error(PUNKTFUNK_ERR_INVALID_ARGUMENT, "punktfunk_create: %s is NULL", opts == NULL ? "opts" : "out");
    }
    if (opts->struct_size != sizeof(PunktfunkOptions)) {
        return set_error(PUNKTFUNK_ERR_INVALID_ARGUMENT, "punktfunk_create: struct_size %u, this library takes %zu "
                         "(use punktfunk_options_init)", opts->struct_size, sizeof(PunktfunkOptions));
    }
    ENV_OR_RETURN(env);
    if ((*env)->PushLocalFrame(env, 8) != JNI_OK) {
        (*env)->ExceptionClear(env);
        return set_error(PUNKTFUNK_ERR_INTERNAL, "punktfunk_create: JVM out of memory");
    }
    int failed = 0;
    jstring host = jstr(env, opts->host, &failed);
    jstring dir = jstr(env, opts->config_dir, &failed);
    jstring name = jstr(env, opts->client_name, &failed);
    if (failed) {
        (*env)->PopLocalFrame(env, NULL);
        return set_error(PUNKTFUNK_ERR_INTERNAL, "punktfunk_create: JVM out of memory");
    }
    jlong id = (*env)->CallStaticLongMethod(env, bridge, m_create, host, (jint) opts->port, dir, name,
            (jint) opts->width, (jint) opts->height, (jint) opts->refresh_hz, (jint) opts->bitrate_kbps,
            (jint) opts->codecs, (jint) opts->preferred_codec, (jint) opts->pixel_format, (jint) opts->audio_format,
            (jint) opts->connect_timeout_ms);
    int rc = (*env)->ExceptionCheck(env) ? PUNKTFUNK_ERR_INTERNAL : id > 0 ? PUNKTFUNK_OK : (int) id;
    rc = finish(env, rc);
    (*env)->PopLocalFrame(env, NULL);
    if (rc == PUNKTFUNK_OK) {
        *out = (PunktfunkClient *) (uintptr_t) id;
    }
    return rc;
}

API int punktfunk_destroy(PunktfunkClient *c) {
    REQUIRE_CLIENT(c);
    ENV_OR_RETURN(env);
    return finish(env, (*env)->CallStaticIntMethod(env, bridge, m_destroy, handle_id(c)));
}

API int punktfunk_pair(PunktfunkClient *c, const char *pin) {
    REQUIRE_CLIENT(c);
    if (pin == NULL) {
        return set_error(PUNKTFUNK_ERR_INVALID_ARGUMENT, "punktfunk_pair: pin is NULL");
    }
    ENV_OR_RETURN(env);
    int failed = 0;
    jstring p = jstr(env, pin, &failed);
    if (failed) {
        return set_error(PUNKTFUNK_ERR_INTERNAL, "punktfunk_pair: JVM out of memory");
    }
    int rc = finish(env, (*env)->CallStaticIntMethod(env, bridge, m_pair, handle_id(c), p));
    (*env)->DeleteLocalRef(env, p);
    return rc;
}

API int punktfunk_connect(PunktfunkClient *c) {
    REQUIRE_CLIENT(c);
    ENV_OR_RETURN(env);
    return finish(env, (*env)->CallStaticIntMethod(env, bridge, m_connect, handle_id(c)));
}

API int punktfunk_poll_frame(PunktfunkClient *c, PunktfunkFrame *out, int32_t timeout_ms) {
    REQUIRE_CLIENT(c);
    if (out == NULL) {
        return set_error(PUNKTFUNK_ERR_INVALID_ARGUMENT, "punktfunk_poll_frame: out is NULL");
    }
    ENV_OR_RETURN(env);
    return finish(env, (*env)->CallStaticIntMethod(env, bridge, m_poll_frame, handle_id(c),
            (jlong) (uintptr_t) out, (jint) timeout_ms));
}

API int punktfunk_set_frame_callback(PunktfunkClient *c, PunktfunkFrameCallback cb, void *user) {
    REQUIRE_CLIENT(c);
    ENV_OR_RETURN(env);
    return finish(env, (*env)->CallStaticIntMethod(env, bridge, m_set_frame_cb, handle_id(c),
            (jlong) (uintptr_t) cb, (jlong) (uintptr_t) user));
}

API int punktfunk_poll_audio(PunktfunkClient *c, PunktfunkAudio *out, int32_t timeout_ms) {
    REQUIRE_CLIENT(c);
    if (out == NULL) {
        return set_error(PUNKTFUNK_ERR_INVALID_ARGUMENT, "punktfunk_poll_audio: out is NULL");
    }
    ENV_OR_RETURN(env);
    return finish(env, (*env)->CallStaticIntMethod(env, bridge, m_poll_audio, handle_id(c),
            (jlong) (uintptr_t) out, (jint) timeout_ms));
}

API int punktfunk_set_audio_callback(PunktfunkClient *c, PunktfunkAudioCallback cb, void *user) {
    REQUIRE_CLIENT(c);
    ENV_OR_RETURN(env);
    return finish(env, (*env)->CallStaticIntMethod(env, bridge, m_set_audio_cb, handle_id(c),
            (jlong) (uintptr_t) cb, (jlong) (uintptr_t) user));
}

API int punktfunk_poll_rumble(PunktfunkClient *c, PunktfunkRumble *out) {
    REQUIRE_CLIENT(c);
    if (out == NULL) {
        return set_error(PUNKTFUNK_ERR_INVALID_ARGUMENT, "punktfunk_poll_rumble: out is NULL");
    }
    ENV_OR_RETURN(env);
    return finish(env, (*env)->CallStaticIntMethod(env, bridge, m_poll_rumble, handle_id(c), (jlong) (uintptr_t) out));
}

API int punktfunk_set_rumble_callback(PunktfunkClient *c, PunktfunkRumbleCallback cb, void *user) {
    REQUIRE_CLIENT(c);
    ENV_OR_RETURN(env);
    return finish(env, (*env)->CallStaticIntMethod(env, bridge, m_set_rumble_cb, handle_id(c),
            (jlong) (uintptr_t) cb, (jlong) (uintptr_t) user));
}

API int punktfunk_send_input(PunktfunkClient *c, const PunktfunkInputEvent *e) {
    REQUIRE_CLIENT(c);
    if (e == NULL) {
        return set_error(PUNKTFUNK_ERR_INVALID_ARGUMENT, "punktfunk_send_input: event is NULL");
    }
    ENV_OR_RETURN(env);
    return finish(env, (*env)->CallStaticIntMethod(env, bridge, m_send_input, handle_id(c), (jint) e->kind,
            (jint) e->code, (jint) e->x, (jint) e->y, (jint) e->flags));
}

API int punktfunk_get_stats(PunktfunkClient *c, PunktfunkStats *out) {
    REQUIRE_CLIENT(c);
    if (out == NULL) {
        return set_error(PUNKTFUNK_ERR_INVALID_ARGUMENT, "punktfunk_get_stats: out is NULL");
    }
    ENV_OR_RETURN(env);
    return finish(env, (*env)->CallStaticIntMethod(env, bridge, m_stats, handle_id(c), (jlong) (uintptr_t) out));
}

API int punktfunk_request_keyframe(PunktfunkClient *c) {
    REQUIRE_CLIENT(c);
    ENV_OR_RETURN(env);
    return finish(env, (*env)->CallStaticIntMethod(env, bridge, m_request_keyframe, handle_id(c)));
}

API int punktfunk_disconnect(PunktfunkClient *c, const char *reason) {
    REQUIRE_CLIENT(c);
    ENV_OR_RETURN(env);
    int failed = 0;
    jstring r = jstr(env, reason, &failed);
    if (failed) {
        return set_error(PUNKTFUNK_ERR_INTERNAL, "punktfunk_disconnect: JVM out of memory");
    }
    int rc = finish(env, (*env)->CallStaticIntMethod(env, bridge, m_disconnect, handle_id(c), r));
    if (r != NULL) {
        (*env)->DeleteLocalRef(env, r);
    }
    return rc;
}
