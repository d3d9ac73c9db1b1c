"""Run a command in a pseudo-terminal, as a user's shell would, and record when its first training progress appears.

    python nbs/results/pretrain_cpu_fused/first_step.py OUT.json LOG -- mae_lit_pretrain --out runs/x

Writes OUT.json: seconds from the start of the command to the first frame of the training progress bar that counts a
finished batch (`[1/281` or later), to the end, and the exit status; LOG gets everything the command printed."""
import json, os, pty, re, select, subprocess, sys, time

out, log, sep, *cmd = sys.argv[1:]
assert sep == '--' and cmd, __doc__
bar = re.compile(rb'\[([1-9]\d*)/\d+')  # fastprogress: "Epoch 1/4 : |....| 0.36% [1/281 00:00<..."
master, slave = pty.openpty()
t0 = time.perf_counter()
p = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, close_fds=True)
os.close(slave)
first, buf = None, b''
with open(log, 'wb') as f:
    while True:
        r, _, _ = select.select([master], [], [], 0.5)
        if r:
            try: chunk = os.read(master, 65536)
            except OSError: chunk = b''
            if not chunk: break
            f.write(chunk); buf = (buf + chunk)[-4096:]
            if first is None and bar.search(buf): first = time.perf_counter() - t0
        elif p.poll() is not None: break
rc = p.wait()
rec = dict(command=' '.join(cmd), first_progress_s=first, total_s=time.perf_counter() - t0, returncode=rc)
json.dump(rec, open(out, 'w'), indent=1)
print(rec)
