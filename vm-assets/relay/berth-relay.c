/* berth-relay: the guest end of Berth's engine data path (QEMU hostfwd → here → the engine's unix socket).
 *
 *   berth-relay LISTEN_ADDRESS PORT PEER_ADDRESS SECRET_FILE UNIX_SOCKET
 *
 * Accepts TCP connections on LISTEN_ADDRESS:PORT from PEER_ADDRESS only (QEMU's user-mode network
 * delivers host connections from its gateway, 10.0.2.2). A connection must begin with the 32 bytes of
 * SECRET_FILE (written per boot by the host, passed through fw_cfg) within 10 s; then the relay
 * connects to UNIX_SOCKET, answers one byte (0x01) and copies bytes both ways until both sides have
 * finished. A half-close is passed on (docker attach and exec -i rely on it); an error on either side
 * drops both. Anything else is closed without an answer.
 *
 * One thread, one edge-triggered epoll loop, non-blocking sockets, a 64 KiB buffer per direction: a
 * connection costs no thread, stack or epoll_ctl beyond its two ADDs, which matters when the docker CLI
 * opens one per command. An event moves the directions it concerns as far as they go. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define SECRET_BYTES 32
#define BUFFER_BYTES (64 * 1024)
#define SECRET_TIMEOUT_S 10
#define MAX_EVENTS 64
/* Every socket of a relayed connection is watched for everything, edge-triggered, once. */
#define WATCHED (EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET)

/* One direction of a relayed connection: bytes read from `from`, waiting to be written to `to`. */
struct half {
  unsigned char *buffer;
  size_t start, end;
  int eof;  /* `from` has no more to send */
  int done; /* ... and everything was written, and `to` was told (shutdown SHUT_WR) */
};

struct conn {
  int client, engine;
  int authenticated;
  unsigned char given[SECRET_BYTES];
  size_t given_length;
  time_t accepted_at;
  struct half up, down; /* client → engine, engine → client */
  struct conn *prev, *next; /* the list of connections still owing the secret */
};

/* What an epoll event points at: one end of a connection; NULL for the listening socket. */
struct end {
  struct conn *conn;
  int is_client;
};

/* Marks an event of this batch whose connection was already dropped. */
static struct end dropped_marker;
#define DROPPED (&dropped_marker)

static unsigned char secret[SECRET_BYTES];
static struct sockaddr_un engine_address;
static struct in_addr allowed_peer;
static int epoll_fd;
static struct conn *unauthenticated;

static void unlink_pending(struct conn *c) {
  if (c->prev) c->prev->next = c->next;
  else if (unauthenticated == c) unauthenticated = c->next;
  if (c->next) c->next->prev = c->prev;
  c->prev = c->next = NULL;
}

static void drop(struct conn *c) {
  if (!c->authenticated) unlink_pending(c);
  /* Closing an fd removes it from the epoll set; its `struct end` goes with the connection. */
  close(c->client);
  if (c->engine >= 0) close(c->engine);
  free(c->up.buffer);
  free(c->down.buffer);
  free(c);
}

static int watch(int fd, struct end *end) {
  struct epoll_event event = {.events = end ? WATCHED : EPOLLIN, .data.ptr = end};
  return epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &event);
}

/* Moves bytes along one direction as far as the sockets allow. Returns -1 when the connection broke. */
static int pump(struct half *h, int from, int to) {
  for (;;) {
    while (h->start < h->end) {
      ssize_t n = write(to, h->buffer + h->start, h->end - h->start);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno == EAGAIN) return 0;
      if (n < 0) return -1;
      h->start += (size_t)n;
    }
    h->start = h->end = 0;
    if (h->eof) {
      if (!h->done) shutdown(to, SHUT_WR);
      h->done = 1;
      return 0;
    }
    ssize_t n = read(from, h->buffer, BUFFER_BYTES);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return 0;
    if (n < 0) return -1;
    if (n == 0) h->eof = 1;
    h->end = (size_t)n;
  }
}

/* Moves the directions asked for as far as they go; -1 once the connection is finished or broken. */
static int relay(struct conn *c, int up, int down) {
  if ((up && pump(&c->up, c->client, c->engine) < 0) || (down && pump(&c->down, c->engine, c->client) < 0)) return -1;
  return c->up.done && c->down.done ? -1 : 0;
}

/* The directions an event can move: what one end can read feeds one, room to write drains the other. */
static int relay_event(struct conn *c, int is_client, unsigned events) {
  int readable = (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP)) != 0, writable = (events & EPOLLOUT) != 0;
  return is_client ? relay(c, readable, writable) : relay(c, writable, readable);
}

/* Reads the secret; once it is whole and right, connects to the engine and answers the ready byte. */
static int authenticate(struct conn *c) {
  while (c->given_length < SECRET_BYTES) {
    ssize_t n = read(c->client, c->given + c->given_length, SECRET_BYTES - c->given_length);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return 0;
    if (n <= 0) return -1;
    c->given_length += (size_t)n;
  }
  unsigned char difference = 0;
  for (int i = 0; i < SECRET_BYTES; i++) difference |= c->given[i] ^ secret[i];
  if (difference) return -1;
  unlink_pending(c);
  c->authenticated = 1;
  c->engine = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (c->engine < 0 || connect(c->engine, (struct sockaddr *)&engine_address, sizeof engine_address) < 0) return -1;
  c->up.buffer = malloc(BUFFER_BYTES);
  c->down.buffer = malloc(BUFFER_BYTES);
  if (!c->up.buffer || !c->down.buffer) return -1;
  if (write(c->client, "\1", 1) != 1) return -1;
  if (watch(c->engine, (struct end *)(c + 1) + 1) < 0) return -1;
  return relay(c, 1, 1); /* bytes that came with the secret raise no further edge */
}

static void accept_all(int server) {
  for (;;) {
    struct sockaddr_in peer;
    socklen_t peer_length = sizeof peer;
    int client = accept4(server, (struct sockaddr *)&peer, &peer_length, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (client < 0) return; /* EAGAIN: all taken; anything else (EMFILE...): the next round tries again */
    if (peer.sin_family != AF_INET || peer.sin_addr.s_addr != allowed_peer.s_addr) {
      close(client);
      continue;
    }
    int one = 1;
    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    /* The connection and its two epoll ends in one allocation. */
    struct conn *c = calloc(1, sizeof(struct conn) + 2 * sizeof(struct end));
    if (!c) {
      close(client);
      continue;
    }
    struct end *ends = (struct end *)(c + 1);
    ends[0] = (struct end){c, 1};
    ends[1] = (struct end){c, 0};
    c->client = client;
    c->engine = -1;
    c->accepted_at = time(NULL);
    c->next = unauthenticated;
    if (unauthenticated) unauthenticated->prev = c;
    unauthenticated = c;
    if (watch(client, &ends[0]) < 0) drop(c);
  }
}

/* Closes connections that did not send the secret in time. */
static void expire(void) {
  time_t now = time(NULL);
  for (struct conn *c = unauthenticated, *next; c; c = next) {
    next = c->next;
    if (now - c->accepted_at >= SECRET_TIMEOUT_S) drop(c);
  }
}

static int read_file(const char *path, unsigned char *buffer, size_t length) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  size_t got = 0;
  while (got < length) {
    ssize_t n = read(fd, buffer + got, length - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += (size_t)n;
  }
  close(fd);
  return got == length ? 0 : -1;
}

static void usage(void) {
  fprintf(stderr, "usage: berth-relay LISTEN_ADDRESS PORT PEER_ADDRESS SECRET_FILE UNIX_SOCKET\n");
  exit(2);
}

int main(int argc, char **argv) {
  if (argc != 6) usage();
  struct sockaddr_in listen_address = {.sin_family = AF_INET};
  char *rest;
  long port = strtol(argv[2], &rest, 10);
  if (*rest || port < 1 || port > 65535) usage();
  listen_address.sin_port = htons((unsigned short)port);
  if (inet_pton(AF_INET, argv[1], &listen_address.sin_addr) != 1 || inet_pton(AF_INET, argv[3], &allowed_peer) != 1)
    usage();
  if (read_file(argv[4], secret, SECRET_BYTES) < 0) {
    fprintf(stderr, "berth-relay: cannot read %d secret bytes from %s\n", SECRET_BYTES, argv[4]);
    return 1;
  }
  if (strlen(argv[5]) >= sizeof engine_address.sun_path) usage();
  engine_address.sun_family = AF_UNIX;
  strcpy(engine_address.sun_path, argv[5]);

  signal(SIGPIPE, SIG_IGN);
  /* Two descriptors per connection: take every one the system allows. */
  struct rlimit files;
  if (getrlimit(RLIMIT_NOFILE, &files) == 0) {
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
  }
  int one = 1, server = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (server < 0 || bind(server, (struct sockaddr *)&listen_address, sizeof listen_address) < 0 ||
      listen(server, 128) < 0) {
    fprintf(stderr, "berth-relay: cannot listen on %s:%ld: %s\n", argv[1], port, strerror(errno));
    return 1;
  }
  epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd < 0 || watch(server, NULL) < 0) {
    perror("berth-relay: epoll");
    return 1;
  }
  struct epoll_event events[MAX_EVENTS];
  for (;;) {
    int ready = epoll_wait(epoll_fd, events, MAX_EVENTS, unauthenticated ? 1000 : -1);
    if (ready < 0 && errno != EINTR) {
      perror("berth-relay: epoll_wait");
      return 1;
    }
    for (int i = 0; i < ready; i++) {
      struct end *end = events[i].data.ptr;
      if (end == DROPPED) continue;
      if (!end) {
        accept_all(server);
        continue;
      }
      struct conn *c = end->conn;
      /* A socket error, or a client that can no longer receive, ends the connection. */
      int gone = (events[i].events & EPOLLERR) || (end->is_client && (events[i].events & EPOLLHUP));
      if (gone || (c->authenticated ? relay_event(c, end->is_client, events[i].events) : authenticate(c)) < 0) {
        /* A later event of this batch may belong to the same connection: forget it before freeing. */
        /* Forget later events of this batch for the same connection before freeing it. */
        struct end *ends = (struct end *)(c + 1);
        for (int j = i + 1; j < ready; j++)
          if (events[j].data.ptr == &ends[0] || events[j].data.ptr == &ends[1]) events[j].data.ptr = DROPPED;
        drop(c);
      }
    }
    if (unauthenticated) expire();
  }
}
