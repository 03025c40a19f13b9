package org.specsoc.runner.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.specsoc.api.compute.GemmLayout;

/**
 * One matrix product of the paper's networks: {@code C (m x n) = op(A) (m x k) . op(B) (k x n)}. The name is
 * shared with the PyTorch peer ({@code bench/pytorch_peer.py}) so that figures line up.
 *
 * @param layer e.g. {@code enc.l1}; pass {@code fwd} (NN), {@code dx} (NT) or {@code dw} (TN)
 */
public record GemmShape(String layer, String pass, GemmLayout layout, int m, int k, int n) {

    /** {@code gemm.enc.l1.fwd 300x2136x512 NN}. */
    public String name() {
        return String.format(Locale.ROOT, "gemm.%s.%s %dx%dx%d %s", layer, pass, m, k, n, layout);
    }

    public double flops() {
        return 2.0 * m * k * n;
    }

    /**
     * The distinct shapes of the encoder (bands -&gt; hidden, 3 x hidden -&gt; hidden, hidden -&gt; latent) and
     * of the ANN decoder (its mirror), each forward (NN), input gradient (NT) and weight gradient (TN). The
     * decoder's hidden layers are the encoder's shapes and are not repeated; the encoder's first layer has no
     * input gradient in training and is left out.
     */
    public static List<GemmShape> paper(int batch, int bands, int hidden, int latent) {
        var shapes = new ArrayList<GemmShape>();
        layer(shapes, "enc.l1", batch, bands, hidden, false);
        layer(shapes, "enc.hidden", batch, hidden, hidden, true);
        layer(shapes, "enc.out", batch, hidden, latent, true);
        layer(shapes, "dec.l1", batch, latent, hidden, true);
        layer(shapes, "dec.out", batch, hidden, bands, true);
        return shapes;
    }

    private static void layer(List<GemmShape> into, String layer, int batch, int in, int out, boolean inputGradient) {
        into.add(new GemmShape(layer, "fwd", GemmLayout.NN, batch, in, out));
        if (inputGradient) {
            into.add(new GemmShape(layer, "dx", GemmLayout.NT, batch, out, in));
        }
        into.add(new GemmShape(layer, "dw", GemmLayout.TN, in, batch, out));
    }
}
