// scripts/lib/process-tree.ts: the process table from `ps`, and killing a real tree of processes.
import { spawn } from "child_process";
import {
  descendantsOf,
  isRunning,
  killTree,
  listProcesses,
  parsePsOutput,
  waitUntilGone,
  type ProcessInfo,
} from "../../../scripts/lib/process-tree";

const unix = process.platform === "win32" ? describe.skip : describe;

describe("the process table", () => {
  test("parses ps lines, command lines with spaces included", () => {
    const text = [
      "    1     0  9040 Ss   /sbin/init splash",
      "  812     1 51200 Sl   node /app/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js 127.0.0.1:4000",
      "  813   812     0 Z    [node] <defunct>",
      "not a process line",
      "",
    ].join("\n");
    expect(parsePsOutput(text)).toEqual([
      { pid: 1, ppid: 0, rssKb: 9040, state: "Ss", args: "/sbin/init splash" },
      {
        pid: 812,
        ppid: 1,
        rssKb: 51200,
        state: "Sl",
        args: "node /app/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js 127.0.0.1:4000",
      },
      { pid: 813, ppid: 812, rssKb: 0, state: "Z", args: "[node] <defunct>" },
    ]);
  });

  test("finds every descendant, however deep, and nothing else", () => {
    const p = (pid: number, ppid: number): ProcessInfo => ({ pid, ppid, rssKb: 0, state: "S", args: "" });
    const table = [p(1, 0), p(10, 1), p(11, 10), p(12, 10), p(13, 12), p(14, 13), p(20, 1), p(21, 20)];
    expect(descendantsOf(10, table).sort((a, b) => a - b)).toEqual([11, 12, 13, 14]);
    expect(descendantsOf(14, table)).toEqual([]);
    expect(descendantsOf(99, table)).toEqual([]);
  });

  unix("lists this process with its parent", () => {
    const me = listProcesses().find((entry) => entry.pid === process.pid);
    expect(me).toMatchObject({ pid: process.pid, ppid: process.ppid });
    expect(me!.rssKb).toBeGreaterThan(0);
  });
});

unix("killTree", () => {
  test("kills a real node parent and the child it started in a process group of its own", async () => {
    // The parent starts a detached child (its own process group, as Pulumi starts its plugins),
    // prints the child's pid and then waits forever, like the child.
    const parentScript = `
      const { spawn } = require("child_process");
      const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { detached: true, stdio: "ignore" });
      console.log(child.pid);
      setInterval(() => {}, 1000);
    `;
    const parent = spawn(process.execPath, ["-e", parentScript], { stdio: ["ignore", "pipe", "inherit"] });
    const childPid = await new Promise<number>((resolve, reject) => {
      parent.stdout.once("data", (data: Buffer) => resolve(Number(data.toString().trim())));
      parent.once("exit", () => reject(new Error("the parent exited before starting its child")));
    });
    const parentPid = parent.pid!;
    const exited = new Promise((resolve) => parent.once("exit", resolve));
    expect(isRunning(parentPid)).toBe(true);
    expect(isRunning(childPid)).toBe(true);
    expect(descendantsOf(parentPid, listProcesses())).toContain(childPid);

    const killed = killTree(parentPid);

    expect(killed[0]).toBe(parentPid);
    expect(killed).toContain(childPid);
    await exited;
    await waitUntilGone([parentPid, childPid], 10_000);
    expect(isRunning(parentPid)).toBe(false);
    expect(isRunning(childPid)).toBe(false);
  });

  test("a process that is already gone is no error", () => {
    const done = spawn(process.execPath, ["-e", ""]);
    return new Promise<void>((resolve) =>
      done.once("exit", () => {
        expect(() => killTree(done.pid!)).not.toThrow();
        expect(isRunning(done.pid!)).toBe(false);
        resolve();
      }),
    );
  });
});
