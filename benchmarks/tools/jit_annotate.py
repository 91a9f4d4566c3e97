#!/usr/bin/env python3
"""Where a JMH benchmark's CPU time goes, per JIT-compiled method and per machine instruction.

Works without hardware counters and without a decoding hsdis: the JVM prints each C2-compiled
method's code bytes and its inlining scopes (-XX:+PrintAssembly with any hsdis library, e.g.
Debian's libhsdis0-fcml, which prints bytes rather than instructions), `perf record` samples the
instruction pointers (cpu-clock), objdump decodes the bytes.

Recording (see benchmarks/RESULTS.md, "Where the default input's time goes under G1"):

  LD_LIBRARY_PATH=DIR_WITH_hsdis-amd64.so java -jar benchmarks/target/benchmarks.jar \\
      slaclock.SlaClockBenchmark -p mode=INCREMENTAL_READ_EACH -f 1 -wi 3 -i 22 \\
      -jvmArgsAppend "-XX:+UnlockDiagnosticVMOptions -XX:+PrintAssembly \\
      -XX:PrintAssemblyOptions=hsdis-print-bytes -XX:+LogVMOutput -XX:LogFile=vm.log" &
  sleep 14; perf record -a -o perf.data sleep 8
  perf script -i perf.data -F ip | sort | uniq -c > ips.txt

Usage:
  jit_annotate.py vm.log ips.txt EVENTS_PER_S              per-method share and ns per event
  jit_annotate.py vm.log ips.txt EVENTS_PER_S 'Cls::m ('   hottest instructions of one method
"""
import bisect
import collections
import re
import subprocess
import sys

HEX = re.compile(r"^[0-9a-f]{2,4}( [0-9a-f]{2,4})*( \| [0-9a-f]{2,4}( [0-9a-f]{2,4})*)*\s*$")
HEADER = re.compile(r"^Compiled method \(c2\)\s+\d+\s+\d+\s+[%!s ]*\d\s+")


def methods(log):
    """(header, lo, hi, first line, end line) of every C2-compiled method in the log."""
    starts = [i for i, l in enumerate(log) if l.startswith("Compiled method (c2)")]
    out = []
    for k, st in enumerate(starts):
        m = re.search(r"main code\s+\[(0x[0-9a-f]+),(0x[0-9a-f]+)\]", " ".join(log[st : st + 6]))
        if m:
            end = starts[k + 1] if k + 1 < len(starts) else len(log)
            out.append((HEADER.sub("", log[st]), int(m.group(1), 16), int(m.group(2), 16), st, end))
    return out


def decode(log, st, end):
    """The method's instructions [(address, text)] and its scope notes {address: [lines]}."""
    code, notes, cur = {}, collections.defaultdict(list), None
    for l in log[st:end]:
        m = re.match(r"\s+(0x[0-9a-f]+): (.*)", l)
        if m:
            a, rest = int(m.group(1), 16), m.group(2).strip()
            if HEX.match(rest):
                for k, b in enumerate(bytes.fromhex(rest.replace("|", "").replace(" ", ""))):
                    code[a + k] = b
            else:
                cur = a
                notes[a].append(rest)
        elif cur is not None and l.strip().startswith(";"):
            notes[cur].append(l.strip())
    base = min(code)
    buf = bytearray(max(code) - base + 1)
    for a, b in code.items():
        buf[a - base] = b
    with open("/tmp/jit_annotate.bin", "wb") as f:
        f.write(buf)
    dis = subprocess.run(
        ["objdump", "-D", "-b", "binary", "-m", "i386:x86-64", "-M", "intel",
         f"--adjust-vma={hex(base)}", "/tmp/jit_annotate.bin"],
        capture_output=True, text=True, check=True).stdout
    ins = []
    for l in dis.split("\n"):
        m = re.match(r"\s+([0-9a-f]+):\s+((?:[0-9a-f]{2} )+)\s*(.*)", l)
        if m:
            ins.append((int(m.group(1), 16), m.group(3)))
    return ins, notes


def scope(notes, keys, a):
    k = bisect.bisect_right(keys, a) - 1
    if k < 0:
        return ""
    frames = [x[3:].split(" (line")[0].strip() for x in notes[keys[k]] if x.startswith("; -")]
    return " <- ".join(frames[:3])


def main():
    log = open(sys.argv[1]).read().split("\n")
    ips = collections.Counter()
    for l in open(sys.argv[2]):
        c, ip = l.split()
        ips[int(ip, 16)] += int(c)
    ns = 1e9 / float(sys.argv[3])
    ms = methods(log)
    per, java = collections.Counter(), 0
    for a, v in ips.items():
        for h, lo, hi, _, _ in ms:
            if lo <= a < hi:
                per[h] += v
                java += v
                break
    if len(sys.argv) < 5:
        print(f"samples in compiled Java code: {java}; {ns:.1f} ns per event in all")
        for h, v in per.most_common(15):
            print(f"{v * 100 / java:5.1f} % {v / java * ns:6.1f} ns  {h[:110]}")
        return
    h, lo, hi, st, end = [m for m in ms if sys.argv[4] in m[0]][-1]
    ins, notes = decode(log, st, end)
    keys = sorted(notes)
    n = per[h]
    print(f"{h}: {n * 100 / java:.1f} % of the samples, {n / java * ns:.1f} ns per event")
    for k in sorted(range(len(ins)), key=lambda k: -ips.get(ins[k][0], 0))[:25]:
        a, t = ins[k]
        prev = ins[k - 1][1] if k > 0 else ""
        share = ips.get(a, 0) * 100 / n
        print(f"{share:5.1f} % +{a - lo:5x} {t[:38]:38s} after [{prev[:40]}]  {scope(notes, keys, a)[:150]}")


if __name__ == "__main__":
    main()
