// A throwaway PostgreSQL server for a test: a fresh cluster (initdb) in a temp folder, started on a
// free loopback port, with one database and one password user, e.g. for Pulumi's `postgres://`
// state backend. PostgreSQL refuses to run as root, so when this process is root the server runs as
// the `postgres` user (through `runuser`), in folders that user owns.
import { execFileSync, spawn, type ChildProcess, type ExecFileSyncOptions } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";

export interface PostgresServer {
  /** `postgres://<user>:<password>@127.0.0.1:<port>/<database>` (what `pulumi login` takes). */
  url: string;
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** The folder holding the cluster and the socket; removed by {@link PostgresServer.stop}. */
  dir: string;
  /** Runs one SQL text with `psql` as the superuser and returns its unaligned, tuples-only output. */
  query(sql: string): string;
  /** Every table of the database's `public` schema with its row count, by name. */
  rowCounts(): Record<string, number>;
  /** Stops the server (fast shutdown) and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

export interface PostgresOptions {
  /** Default `pulumi`. */
  database?: string;
  /** Default `pulumi`. */
  user?: string;
  /** Default: random. */
  password?: string;
  /** The folder of initdb/postgres/psql; default the newest `/usr/lib/postgresql/<n>/bin`, or PG_BIN. */
  binDir?: string;
}

const INSTALL_HINT =
  "Install Debian's `postgresql` package (`apt-get install -y postgresql`); `.ci/run` does this on CI machines.";

/** The folder of the newest installed PostgreSQL's server binaries (`/usr/lib/postgresql/<n>/bin`). */
export function findPostgresBinDir(root = "/usr/lib/postgresql"): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv !== undefined && fs.existsSync(path.join(fromEnv, "initdb"))) return fromEnv;
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      `PostgreSQL's server binaries (initdb, postgres) are not installed: no ${root}/*/bin/initdb. ${INSTALL_HINT}`,
    );
  }
  return path.join(root, versions[0]!, "bin");
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface RunAs {
  /** The command and arguments that run `file args…` as the server's user. */
  wrap(file: string, args: string[]): [string, string[]];
  /** Gives the server's user a folder. */
  own(dir: string): void;
}

/**
 * `execFileSync`, failing with a plain error that names the command and what it printed: Node's own
 * error for a command that could not start holds itself (`error.error`), which test runners cannot
 * pass between processes, so the cause would be lost.
 */
function run(file: string, args: string[], options: ExecFileSyncOptions = {}): string {
  try {
    return execFileSync(file, args, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      ...options,
    }) as string;
  } catch (caught) {
    const { message, stderr } = caught as { message?: string; stderr?: unknown };
    const said =
      typeof stderr === "string" ? stderr.trim() : Buffer.isBuffer(stderr) ? stderr.toString().trim() : "";
    throw new Error(
      `${path.basename(file)} failed: ${String(message).split("\n")[0]}${said ? `\n${said}` : ""}`,
    );
  }
}

/** A system tool by its usual place (root's tools live in sbin, which a bare PATH may lack), else by name. */
function systemTool(name: string): string {
  return (
    ["/usr/sbin", "/sbin", "/usr/bin", "/bin"].map((dir) => path.join(dir, name)).find(fs.existsSync) ?? name
  );
}

function runAs(): RunAs {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (!root) return { wrap: (file, args) => [file, args], own: () => undefined };
  const runuser = systemTool("runuser");
  const chown = systemTool("chown");
  return {
    wrap: (file, args) => [runuser, ["-u", "postgres", "--", file, ...args]],
    own: (dir) => void run(chown, ["-R", "postgres:postgres", dir]),
  };
}

/** `user:password` quoted for a URL. */
const userInfo = (user: string, password: string) =>
  `${encodeURIComponent(user)}:${encodeURIComponent(password)}`;

/** Quotes an SQL identifier. */
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** Quotes an SQL string literal. */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Starts a fresh server and waits until it accepts connections. */
export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  const binDir = options.binDir ?? findPostgresBinDir();
  for (const tool of ["initdb", "postgres", "psql"]) {
    if (!fs.existsSync(path.join(binDir, tool))) {
      throw new Error(`${path.join(binDir, tool)} does not exist. ${INSTALL_HINT}`);
    }
  }
  const database = options.database ?? "pulumi";
  const user = options.user ?? "pulumi";
  const password = options.password ?? `pw-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const as = runAs();

  // /tmp itself is world-writable; the cluster's folder must belong to the server's user.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-pg-"));
  const dataDir = path.join(dir, "data");
  const socketDir = path.join(dir, "socket");
  fs.mkdirSync(socketDir);
  fs.chmodSync(dir, 0o755);
  as.own(dir);

  let server: ChildProcess | undefined;
  let log = "";
  const stop = async () => {
    const running = server;
    server = undefined;
    if (running && running.exitCode === null && running.signalCode === null) {
      const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
      // SIGINT: PostgreSQL's fast shutdown (rolls back open transactions, closes connections).
      // runuser passes the signal on to the server.
      running.kill("SIGINT");
      const timer = setTimeout(() => running.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    const [initFile, initArgs] = as.wrap(path.join(binDir, "initdb"), [
      "-D",
      dataDir,
      "-U",
      "postgres",
      "--auth=trust",
      "--encoding=UTF8",
      "--no-locale",
      "--no-sync",
    ]);
    run(initFile, initArgs, { cwd: dir });
    // Loopback TCP needs the password (scram); the superuser's socket in our own folder is trusted.
    fs.appendFileSync(path.join(dataDir, "pg_hba.conf"), "\nhost all all 127.0.0.1/32 scram-sha-256\n");

    const port = await freePort();
    const [file, args] = as.wrap(path.join(binDir, "postgres"), [
      "-D",
      dataDir,
      "-h",
      "127.0.0.1",
      "-p",
      String(port),
      "-k",
      socketDir,
      "-c",
      "fsync=off",
      "-c",
      "synchronous_commit=off",
      "-c",
      "full_page_writes=off",
    ]);
    const started = spawn(file, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    server = started;
    const collect = (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-8000);
    };
    started.stdout?.on("data", collect);
    started.stderr?.on("data", collect);

    const psqlAs = (sql: string, db = "postgres") => {
      const [psqlFile, psqlArgs] = as.wrap(path.join(binDir, "psql"), [
        "-X",
        "-q",
        "-v",
        "ON_ERROR_STOP=1",
        "-h",
        socketDir,
        "-p",
        String(port),
        "-U",
        "postgres",
        "-d",
        db,
        "-At",
        "-c",
        sql,
      ]);
      return run(psqlFile, psqlArgs, { cwd: dir });
    };

    // Ready once the socket takes a query.
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (started.exitCode !== null || started.signalCode !== null) {
        throw new Error(`postgres exited (${started.exitCode ?? started.signalCode}) on start:\n${log}`);
      }
      try {
        psqlAs("select 1");
        break;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(`postgres did not accept connections within 30 s:\n${log}`, { cause: error });
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }

    psqlAs(`create user ${ident(user)} with password ${literal(password)}`);
    psqlAs(`create database ${ident(database)} owner ${ident(user)}`);

    const query = (sql: string) => psqlAs(sql, database);
    return {
      url: `postgres://${userInfo(user, password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
      host: "127.0.0.1",
      port,
      user,
      password,
      database,
      dir,
      query,
      rowCounts: () => {
        const tables = query(
          "select table_name from information_schema.tables where table_schema = 'public' order by 1",
        )
          .split("\n")
          .filter((t) => t !== "");
        return Object.fromEntries(
          tables.map((t) => [t, Number(query(`select count(*) from public.${ident(t)}`).trim())]),
        );
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
