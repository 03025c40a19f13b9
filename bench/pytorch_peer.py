#!/usr/bin/env python3
"""PyTorch peer of `specsoc bench`: the same GEMM shapes and training epochs, measured with PyTorch on this CPU.

Prints one JSON object on stdout:
  {"tool": "pytorch", "torch": version, "threads": [n, ...],
   "measurements": [{"backend": "pytorch", "name": ..., "gflops" | "seconds": ..., "samples_per_second": ...}]}
Names match specsoc's (`gemm.enc.l1.fwd 300x2136x512 NN`, `epoch.encoder`, `epoch.encoder+ann`), so the
runner can print both figures side by side. Progress goes to stderr.

Every measurement is taken once per torch thread count in --threads and the fastest is kept, so specsoc is
compared with PyTorch at its best on this machine: with Debian's build, torch.set_num_threads(1) (OpenBLAS
then uses its own threads) beats set_num_threads(2), whose OpenMP threads oversubscribe the cores OpenBLAS
already uses; a pip build with MKL behaves the other way round.

Models (reference-spec sections 2.1, 2.3, 3): encoder BN(M), Linear(M,H) BN ReLU, 3 x (Linear(H,H) BN ReLU),
Linear(H,K), LeakyReLU(0.01), softmax; ANN decoder BN(K), Linear(K,H) BN ReLU, 3 x (Linear(H,H) BN ReLU),
Linear(H,M), LeakyReLU(0.01), sigmoid. Loss = mean (m_soc - t)^2 / 0.0041^2 + mean (R_hat - R)^2 / 0.01^2.
Adam lr 5e-5, betas (0.99, 0.999), eps 1e-8. Batch 300, last partial batch dropped, shuffled every epoch.
"""
import argparse
import json
import os
import statistics
import sys
import time


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def gemm_shapes(batch, bands, hidden, latent):
    """The same list, in the same order and with the same names, as org.specsoc.runner.bench.GemmShape.paper."""
    shapes = []

    def layer(name, n_in, n_out, input_gradient):
        shapes.append((name, "fwd", "NN", batch, n_in, n_out))
        if input_gradient:
            shapes.append((name, "dx", "NT", batch, n_out, n_in))
        shapes.append((name, "dw", "TN", n_in, batch, n_out))

    layer("enc.l1", bands, hidden, False)
    layer("enc.hidden", hidden, hidden, True)
    layer("enc.out", hidden, latent, True)
    layer("dec.l1", latent, hidden, True)
    layer("dec.out", hidden, bands, True)
    return shapes


def measure_gemm(torch, shape, quick):
    layer, pas, layout, m, k, n = shape
    g = torch.Generator().manual_seed(1)
    # operands stored as specsoc stores them; the transposes are views, as a training step would use them
    a = torch.rand((k, m) if layout == "TN" else (m, k), generator=g) * 2 - 1
    b = (torch.rand((n, k) if layout == "NT" else (k, n), generator=g) * 2 - 1) * 0.05
    op_a = a.t() if layout == "TN" else a
    op_b = b.t() if layout == "NT" else b
    c = torch.empty((m, n))

    def call():
        torch.matmul(op_a, op_b, out=c)

    warmup = 2 if quick else 10
    start = time.perf_counter()
    for _ in range(warmup):
        call()
    per_call = max(1e-7, (time.perf_counter() - start) / warmup)
    calls = 1 if quick else int(max(3, min(10000, 0.1 / per_call)))
    reps = 1 if quick else 5
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(calls):
            call()
        times.append((time.perf_counter() - t0) / calls)
    flops = 2.0 * m * k * n
    name = "gemm.%s.%s %dx%dx%d %s" % (layer, pas, m, k, n, layout)
    return {"backend": "pytorch", "name": name, "gflops": flops / statistics.median(times) / 1e9,
            "note": "torch.matmul, median of %d x %d calls, best %.1f GFLOP/s" % (reps, calls, flops / min(times) / 1e9)}


def mlp(nn, n_in, hidden, n_out):
    layers = [nn.BatchNorm1d(n_in), nn.Linear(n_in, hidden), nn.BatchNorm1d(hidden), nn.ReLU()]
    for _ in range(3):
        layers += [nn.Linear(hidden, hidden), nn.BatchNorm1d(hidden), nn.ReLU()]
    layers += [nn.Linear(hidden, n_out), nn.LeakyReLU(0.01)]
    return layers


def measure_epoch(torch, name, with_decoder, samples, bands, batch, hidden, latent, epochs):
    nn = torch.nn
    torch.manual_seed(0)
    encoder = nn.Sequential(*mlp(nn, bands, hidden, latent), nn.Softmax(dim=1))
    params = list(encoder.parameters())
    decoder = None
    if with_decoder:
        decoder = nn.Sequential(*mlp(nn, latent, hidden, bands), nn.Sigmoid())
        params += list(decoder.parameters())
    optimiser = torch.optim.Adam(params, lr=5e-5, betas=(0.99, 0.999), eps=1e-8)
    spectra = torch.rand(samples, bands)
    soc = torch.rand(samples) * 0.05
    steps = samples // batch

    def epoch():
        order = torch.randperm(samples)
        for s in range(steps):
            idx = order[s * batch:(s + 1) * batch]
            x = spectra[idx]
            t = soc[idx]
            optimiser.zero_grad(set_to_none=True)
            abundances = encoder(x)
            loss = torch.mean((abundances[:, 0] - t) ** 2) / 0.0041 ** 2
            if decoder is not None:
                loss = loss + torch.mean((decoder(abundances) - x) ** 2) / 0.01 ** 2
            loss.backward()
            optimiser.step()

    epoch()  # warm-up: allocator, first-touch of the weights
    times = []
    for _ in range(epochs):
        t0 = time.perf_counter()
        epoch()
        times.append(time.perf_counter() - t0)
    seconds = statistics.median(times)
    return {"backend": "pytorch", "name": name, "seconds": seconds, "samples_per_second": steps * batch / seconds,
            "note": "%d steps of %d, median of %d epochs after 1 warm-up" % (steps, batch, epochs)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", default="1,%d" % os.cpu_count(),
                        help="comma-separated torch.set_num_threads values to try; the fastest is kept per"
                             " measurement (default: 1 and the number of cores)")
    parser.add_argument("--quick", action="store_true", help="one repetition each (checks the script, not figures)")
    parser.add_argument("--only", choices=["gemm", "epoch"], action="append", help="only these groups; repeatable")
    parser.add_argument("--samples", type=int, default=23550)
    parser.add_argument("--bands", type=int, default=2136)
    parser.add_argument("--batch", type=int, default=300)
    parser.add_argument("--hidden", type=int, default=512)
    parser.add_argument("--latent", type=int, default=93)
    parser.add_argument("--epochs", type=int, default=3, help="timed epochs per model (median reported)")
    args = parser.parse_args()
    try:
        import torch
    except ImportError as e:
        print("pytorch_peer: PyTorch is not installed for %s (%s); install python3-torch or pip install torch"
              % (sys.executable, e), file=sys.stderr)
        return 3
    try:
        thread_counts = sorted({max(1, int(t)) for t in args.threads.split(",") if t.strip()})
    except ValueError:
        print("pytorch_peer: --threads: not a comma-separated list of integers: %r" % args.threads, file=sys.stderr)
        return 2
    groups = args.only or ["gemm", "epoch"]
    best = {}

    def keep(m, threads):
        m["note"] += "; torch threads %d (fastest of %s)" % (threads, ", ".join(map(str, thread_counts)))
        old = best.get(m["name"])
        faster = old is None or (m["gflops"] > old["gflops"] if "gflops" in m else m["seconds"] < old["seconds"])
        if faster:
            best[m["name"]] = m

    for threads in thread_counts:
        torch.set_num_threads(threads)
        if "gemm" in groups:
            for shape in gemm_shapes(args.batch, args.bands, args.hidden, args.latent):
                m = measure_gemm(torch, shape, args.quick)
                log("%-45s %8.1f GFLOP/s  (torch threads %d)" % (m["name"], m["gflops"], threads))
                keep(m, threads)
        if "epoch" in groups:
            epochs = 1 if args.quick else max(1, args.epochs)
            for name, with_decoder in (("epoch.encoder", False), ("epoch.encoder+ann", True)):
                m = measure_epoch(torch, name, with_decoder, args.samples, args.bands, args.batch, args.hidden,
                                  args.latent, epochs)
                log("%-45s %8.3f s  (torch threads %d)" % (name, m["seconds"], threads))
                keep(m, threads)
    json.dump({"tool": "pytorch", "torch": torch.__version__, "threads": thread_counts,
               "measurements": list(best.values())}, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
