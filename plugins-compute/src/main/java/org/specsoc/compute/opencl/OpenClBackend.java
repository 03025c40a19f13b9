package org.specsoc.compute.opencl;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.CompileFailedException;
import com.aparapi.internal.kernel.KernelManager;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.specsoc.api.compute.Activation;
import org.specsoc.api.compute.AdamSettings;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.BufferWindow;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.compute.DeviceInfo;
import org.specsoc.api.compute.GemmLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code opencl} backend: Aparapi kernels in explicit mode on one chosen OpenCL device. All buffers are regions
 * of one device-resident arena, so spectra and parameters stay on the device for a whole run; data crosses only
 * through {@link #upload}/{@link #download} (in chunks through a fixed staging array) and the reductions' partial
 * sums. Every launch uses a Range bound to the device, and after every launch the backend checks that Aparapi
 * really ran it there: Aparapi's habit of falling back to its Java thread pool is turned into an exception.
 *
 * <p>Calls are serialised ({@code synchronized}): one Aparapi kernel instance is not safe to share between threads.
 * Aparapi keeps device preferences per kernel class, so all open backends of one JVM must use the same device; a
 * second device is refused rather than letting one backend's launches move to the other's device.
 */
public final class OpenClBackend implements ComputeBackend {

    private static final Logger LOG = LoggerFactory.getLogger(OpenClBackend.class);

    /** Floats per staging transfer (4 MiB): large uploads and downloads go through it in chunks. */
    static final int STAGE_CAPACITY = 1 << 20;
    /** Partial sums of reductions, and the small-transfer window (16 KiB); its last slot reports the sentinel. */
    static final int PARTIAL_CAPACITY = ArenaKernel.PARTIAL_SENTINEL_SLOT + 1;
    /** Partial-sum slots and small-transfer floats usable by operations. */
    static final int PARTIAL_SLOTS = ArenaKernel.PARTIAL_SENTINEL_SLOT;
    /**
     * 16 MiB: a G1 "humongous" object for every region size, and G1 never moves those. That matters because when
     * the JVM moves a kernel array, Aparapi re-creates its device buffer from the host copy, which for the arena is
     * stale; the sentinel check below detects it should it happen anyway (another collector, a future JDK).
     */
    private static final int INITIAL_ARENA = 1 << 22;
    private static final int INITIAL_INDEX = 1024;
    /** Rows handled by one work item of the squared-error reduction, at least. */
    private static final int REDUCTION_CHUNK = 256;

    private final OpenCLDevice device;
    private final DeviceInfo info;
    private final ArenaKernel kernel;
    private final ArenaAllocator allocator;
    private final Residency arenaState = new Residency("arena");
    private final Residency stageState = new Residency("stage");
    private final Residency partialState = new Residency("partial");
    private final Residency indexState = new Residency("index");
    /** Open backends per device (Aparapi's preferences are per kernel class, hence per JVM). */
    private static final java.util.Map<OpenCLDevice, Integer> OPEN = new java.util.HashMap<>();

    private int nextId = 1;
    private long launches;
    private boolean closed;

    /** A region of the arena: a root allocation or a view into one. */
    final class ClBuffer extends BufferWindow {
        final int id;
        /** The allocation that owns the storage (this buffer itself for a root). */
        final ClBuffer root;
        boolean released;

        ClBuffer(int id, int offset, int rows, int cols, ClBuffer root) {
            super(OpenClBackend.this, offset, rows, cols);
            this.id = id;
            this.root = root == null ? this : root;
        }

        @Override
        public String toString() {
            return "buffer #" + id + " (" + rows() + "x" + cols() + (root == this ? "" : ", view of #" + root.id) + ")";
        }
    }

    /**
     * Builds the kernel for {@code device} and compiles it there now, so that a translation or build failure
     * surfaces at start-up rather than at the first training step.
     */
    public OpenClBackend(OpenCLDevice device, String platformName) {
        this.device = Objects.requireNonNull(device, "device");
        synchronized (OPEN) {
            if (!OPEN.isEmpty() && !OPEN.containsKey(device)) {
                throw new IllegalStateException("an opencl backend is already open on "
                        + OPEN.keySet().iterator().next().getName().trim() + "; Aparapi cannot run a second one on "
                        + device.getName().trim() + " in the same JVM");
            }
            OPEN.merge(device, 1, Integer::sum);
        }
        this.kernel = new ArenaKernel(new float[INITIAL_ARENA], STAGE_CAPACITY, PARTIAL_CAPACITY, INITIAL_INDEX);
        this.allocator = new ArenaAllocator(INITIAL_ARENA);
        allocator.allocate(ArenaKernel.SENTINEL_FLOATS); // offset 0: the sentinel block
        if (kernel.getExecutionMode() != Kernel.EXECUTION_MODE.AUTO) {
            throw new IllegalStateException("the system property com.aparapi.executionMode is set ("
                    + kernel.getExecutionMode() + "); the opencl backend binds its device itself and refuses Aparapi's"
                    + " legacy execution modes, which can silently run in Java threads. Remove the property.");
        }
        kernel.setExplicit(true);
        KernelManager.instance().setPreferredDevices(kernel, new LinkedHashSet<>(List.of(device)));
        long start = System.nanoTime();
        try {
            kernel.compile(device);
        } catch (CompileFailedException | RuntimeException e) {
            kernel.dispose();
            forget(device);
            throw new IllegalStateException("Aparapi could not build the OpenCL kernel for " + device.getName().trim()
                    + ": " + e.getMessage(), e);
        }
        var details = new LinkedHashMap<String, String>();
        details.put("platform", platformName);
        details.put("type", String.valueOf(device.getType()));
        details.put("computeUnits", String.valueOf(device.getMaxComputeUnits()));
        details.put("globalMemoryBytes", String.valueOf(device.getGlobalMemSize()));
        details.put("maxAllocationBytes", String.valueOf(device.getMaxMemAllocSize()));
        details.put("localMemoryBytes", String.valueOf(device.getLocalMemSize()));
        details.put("maxWorkGroupSize", String.valueOf(device.getMaxWorkGroupSize()));
        this.info = new DeviceInfo("opencl", device.getName().trim(), device.getMaxComputeUnits(), details);
        // A first (empty) launch binds the arrays to the device and proves that this device really runs it.
        try {
            writeSentinel();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("OpenCL backend on {} ({}, {} compute units, {} MiB), kernel ready in {} ms", info.device(),
                platformName, device.getMaxComputeUnits(), device.getGlobalMemSize() >> 20,
                (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public DeviceInfo device() {
        return info;
    }

    /** Kernel launches so far (tests use it to prove work ran on the device). */
    synchronized long launches() {
        return launches;
    }

    /** Floats reserved in the arena (for leak checks). */
    synchronized long arenaUsed() {
        return allocator.used();
    }

    synchronized long arenaCapacity() {
        return allocator.capacity();
    }

    /** Whether Aparapi's view of the kernel is "running in OpenCL on this backend's device". */
    synchronized boolean runsInOpenCl() {
        return kernel.isRunningCL() && kernel.getTargetDevice() == device;
    }

    /**
     * Switches the kernel to one of Aparapi's legacy execution modes: only for the test that proves a launch
     * which does not run in OpenCL is refused.
     */
    @SuppressWarnings("deprecation")
    synchronized void forceExecutionModeForTest(Kernel.EXECUTION_MODE mode) {
        kernel.setExecutionModeWithoutFallback(mode);
    }

    // ---- the arena sentinel ------------------------------------------------------------------------

    /**
     * The device keeps {@link ArenaKernel#SENTINEL} in arena[0] while the host copy keeps 0. If Aparapi ever
     * re-creates the arena's device buffer from the stale host copy, arena[0] on the device becomes 0, and the next
     * reduction or download (which report arena[0] in the partial array's last slot) throws.
     */
    private void writeSentinel() {
        fillRegion(0, ArenaKernel.SENTINEL_FLOATS, ArenaKernel.SENTINEL, "the arena sentinel");
    }

    private void checkSentinel() {
        float seen = kernel.partial[ArenaKernel.PARTIAL_SENTINEL_SLOT];
        if (seen != ArenaKernel.SENTINEL) {
            throw new IllegalStateException("the device copy of the OpenCL arena was replaced by its stale host copy"
                    + " (Aparapi re-creates a buffer from the host array when the JVM has moved the array); every"
                    + " buffer of this backend is now invalid. Sentinel read " + seen);
        }
    }

    /**
     * Test hook: swaps in a fresh host array, as Aparapi's re-creation from a stale host copy would on a GPU (on
     * pocl the device aliases the host array, so the real event cannot be provoked there).
     */
    synchronized void simulateStaleArenaForTest() {
        kernel.arena = new float[kernel.arena.length];
    }

    // ---- launching ---------------------------------------------------------------------------------

    private enum OpKind { ELEMENT, GEMM }

    private void launch(OpKind kind, int op, int count, String what) {
        if (closed) {
            throw new IllegalStateException("the opencl backend is closed");
        }
        kernel.op = op;
        kernel.count = count;
        Range range;
        if (kind == OpKind.GEMM) {
            int gx = (kernel.n + ArenaKernel.TILE - 1) / ArenaKernel.TILE * ArenaKernel.GROUP;
            int gy = (kernel.m + ArenaKernel.TILE - 1) / ArenaKernel.TILE * ArenaKernel.GROUP;
            range = device.createRange2D(Math.max(gx, ArenaKernel.GROUP), Math.max(gy, ArenaKernel.GROUP),
                    ArenaKernel.GROUP, ArenaKernel.GROUP);
        } else {
            int group = ArenaKernel.LINEAR_GROUP;
            int global = Math.max(group, (count + group - 1) / group * group);
            range = device.createRange(global, group);
        }
        arenaState.requireDeviceCurrent();
        try {
            kernel.execute(range);
        } catch (AssertionError e) {
            // Aparapi's way of saying that the bound device does not fit the kernel's execution mode
            throw new IllegalStateException("Aparapi refused to run " + what + " on " + device.getName().trim() + ": "
                    + e.getMessage(), e);
        }
        launches++;
        requireRanOnDevice(what);
        arenaState.deviceWrote("the arena");
    }

    /**
     * Aparapi reports a fallback only through its preferences: the failed device is marked and the kernel's target
     * moves on (ultimately to the Java thread pool). Any of these means the launch did not run in OpenCL here.
     */
    private void requireRanOnDevice(String what) {
        Device target = kernel.getTargetDevice();
        List<Device> failed = KernelManager.instance().getPreferences(kernel).getFailedDevices();
        if (target != device || !kernel.isRunningCL() || failed.contains(device)
                || kernel.getExecutionMode() != Kernel.EXECUTION_MODE.AUTO) {
            throw new IllegalStateException("Aparapi did not run " + what + " in OpenCL on " + device.getName().trim()
                    + " (target now: " + (target == null ? "none" : target.getShortDescription())
                    + ", failed devices: " + failed + "); refusing Aparapi's Java fallback");
        }
    }

    private ClBuffer buf(Buffer b) {
        ClBuffer c = BufferWindow.owned(b, ClBuffer.class, this, "buffer");
        if (c.root.released) {
            throw new IllegalStateException(c + " was released");
        }
        return c;
    }

    private static void sameSize(ClBuffer a, ClBuffer b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("sizes differ: " + a + " and " + b);
        }
    }

    // ---- buffers -----------------------------------------------------------------------------------

    @Override
    public synchronized Buffer allocate(int rows, int cols) {
        if (rows < 0 || cols < 0 || (long) rows * cols > Integer.MAX_VALUE - ArenaAllocator.ALIGN) {
            throw new IllegalArgumentException("bad buffer shape " + rows + "x" + cols);
        }
        int size = rows * cols;
        int at = allocator.allocate(size);
        if (at < 0) {
            grow(ArenaAllocator.aligned(size));
            at = allocator.allocate(size);
        }
        ClBuffer b = new ClBuffer(nextId++, at, rows, cols, null);
        fillRegion(at, ArenaAllocator.aligned(size), 0f, b + " (zero-fill)");
        return b;
    }

    /**
     * Makes room for {@code need} more floats. The arena is copied back once, extended on the host and put again:
     * start-up work (buffers are allocated before training), never per step.
     */
    private void grow(int need) {
        long capacity = allocator.capacity();
        long wanted = capacity + Math.max(need, capacity / 2);
        wanted = (wanted + ArenaAllocator.ALIGN - 1) / ArenaAllocator.ALIGN * ArenaAllocator.ALIGN;
        long limit = Math.min(Integer.MAX_VALUE - 64L, device.getMaxMemAllocSize() / Float.BYTES);
        if (capacity + need > limit) {
            throw new IllegalStateException("the opencl backend needs " + (capacity + need) * Float.BYTES
                    + " bytes of buffers, more than one allocation on " + device.getName().trim() + " may hold ("
                    + device.getMaxMemAllocSize() + " bytes); use smaller data or the java backend");
        }
        wanted = Math.min(wanted, limit);
        kernel.get(kernel.arena);
        arenaState.got();
        arenaState.requireHostCurrent();
        float[] bigger = new float[(int) wanted];
        System.arraycopy(kernel.arena, 0, bigger, 0, kernel.arena.length);
        checkHostSentinel(bigger);
        java.util.Arrays.fill(bigger, 0, ArenaKernel.SENTINEL_FLOATS, 0f); // the host copy never holds the sentinel
        kernel.arena = bigger;
        kernel.put(bigger);
        arenaState.put();
        allocator.grow(wanted);
        writeSentinel();
        LOG.debug("OpenCL arena grown to {} MiB", wanted * Float.BYTES >> 20);
    }

    /** The copy fetched by get() must carry the device's sentinel, or the device copy was lost already. */
    private static void checkHostSentinel(float[] fetched) {
        if (fetched[0] != ArenaKernel.SENTINEL) {
            throw new IllegalStateException("the device copy of the OpenCL arena was replaced by its stale host copy"
                    + " before the arena grew; every buffer of this backend is invalid");
        }
    }

    @Override
    public synchronized Buffer view(Buffer parent, int offset, int rows, int cols) {
        ClBuffer p = buf(parent);
        return new ClBuffer(nextId++, p.viewOffset(offset, rows, cols), rows, cols, p.root);
    }

    @Override
    public synchronized void release(Buffer buffer) {
        ClBuffer b = buf(buffer);
        if (b.root != b) {
            return; // a view owns nothing; its parent's release frees the storage
        }
        b.released = true;
        allocator.release(b.offset(), b.size());
    }

    @Override
    public synchronized void upload(float[] src, int srcOffset, Buffer dst) {
        ClBuffer d = buf(dst);
        int size = d.size();
        Objects.checkFromIndexSize(srcOffset, size, src.length);
        if (size <= PARTIAL_SLOTS) {
            System.arraycopy(src, srcOffset, kernel.partial, 0, size);
            partialState.hostWrote(d + " [0, " + size + ")");
            kernel.put(kernel.partial);
            partialState.put();
            partialIn(d.offset(), size, d.toString());
            return;
        }
        for (int done = 0; done < size; done += STAGE_CAPACITY) {
            int len = Math.min(STAGE_CAPACITY, size - done);
            writeStage(src, srcOffset + done, len, d + " [" + done + ", " + (done + len) + ")");
            putStage();
            stageIn(d.offset() + done, len, d.toString());
        }
    }

    @Override
    public synchronized void download(Buffer src, float[] dst, int dstOffset) {
        ClBuffer s = buf(src);
        int size = s.size();
        Objects.checkFromIndexSize(dstOffset, size, dst.length);
        if (size <= PARTIAL_SLOTS) {
            setOffsets(s.offset(), 0, 0, 0, 0, 0, 0, 0);
            launch(OpKind.ELEMENT, ArenaKernel.OP_PARTIAL_OUT, size, "download of " + s);
            partialState.deviceWrote(s.toString());
            kernel.get(kernel.partial);
            partialState.got();
            partialState.requireHostCurrent();
            checkSentinel();
            System.arraycopy(kernel.partial, 0, dst, dstOffset, size);
            return;
        }
        for (int done = 0; done < size; done += STAGE_CAPACITY) {
            int len = Math.min(STAGE_CAPACITY, size - done);
            stageOut(s.offset() + done, len, s + " [" + done + ", " + (done + len) + ")");
            getStage();
            readStage(dst, dstOffset + done, len);
        }
        // the stage-out kernel reported the sentinel in the partial array
        partialState.deviceWrote("the arena sentinel");
        kernel.get(kernel.partial);
        partialState.got();
        partialState.requireHostCurrent();
        checkSentinel();
    }

    // The transfer steps are separate so that tests can leave one out and see the residency check fire.

    void writeStage(float[] src, int from, int len, String what) {
        System.arraycopy(src, from, kernel.stage, 0, len);
        stageState.hostWrote(what);
    }

    void putStage() {
        kernel.put(kernel.stage);
        stageState.put();
    }

    void stageIn(int arenaOffset, int len, String what) {
        stageState.requireDeviceCurrent();
        setOffsets(arenaOffset, 0, 0, 0, 0, 0, 0, 0);
        launch(OpKind.ELEMENT, ArenaKernel.OP_STAGE_IN, len, "upload into " + what);
    }

    void stageOut(int arenaOffset, int len, String what) {
        setOffsets(arenaOffset, 0, 0, 0, 0, 0, 0, 0);
        launch(OpKind.ELEMENT, ArenaKernel.OP_STAGE_OUT, len, "download of " + what);
        stageState.deviceWrote(what);
    }

    void getStage() {
        kernel.get(kernel.stage);
        stageState.got();
    }

    void readStage(float[] dst, int to, int len) {
        stageState.requireHostCurrent();
        System.arraycopy(kernel.stage, 0, dst, to, len);
    }

    /** The buffer's offset in the arena (tests drive the transfer steps directly). */
    int offsetOf(Buffer b) {
        return buf(b).offset();
    }

    private void partialIn(int arenaOffset, int len, String what) {
        partialState.requireDeviceCurrent();
        setOffsets(arenaOffset, 0, 0, 0, 0, 0, 0, 0);
        launch(OpKind.ELEMENT, ArenaKernel.OP_PARTIAL_IN, len, "upload into " + what);
    }

    private void setOffsets(int a, int b, int c, int d, int e, int f, int g, int h) {
        kernel.oa = a;
        kernel.ob = b;
        kernel.oc = c;
        kernel.od = d;
        kernel.oe = e;
        kernel.of = f;
        kernel.og = g;
        kernel.oh = h;
    }

    private void fillRegion(int offset, int count, float value, String what) {
        setOffsets(offset, 0, 0, 0, 0, 0, 0, 0);
        kernel.f0 = value;
        launch(OpKind.ELEMENT, ArenaKernel.OP_FILL, count, "fill of " + what);
    }

    @Override
    public synchronized void fill(Buffer buffer, float value) {
        ClBuffer b = buf(buffer);
        fillRegion(b.offset(), b.size(), value, b.toString());
    }

    @Override
    public synchronized void copy(Buffer src, Buffer dst) {
        ClBuffer s = buf(src);
        ClBuffer d = buf(dst);
        sameSize(s, d);
        setOffsets(s.offset(), d.offset(), 0, 0, 0, 0, 0, 0);
        launch(OpKind.ELEMENT, ArenaKernel.OP_COPY, s.size(), "copy " + s + " -> " + d);
    }

    @Override
    public synchronized void gatherRows(Buffer src, int[] rows, Buffer dst) {
        ClBuffer s = buf(src);
        ClBuffer d = buf(dst);
        if (s.cols() != d.cols() || rows.length < d.rows()) {
            throw new IllegalArgumentException("gatherRows: " + d + " from " + s + " with " + rows.length + " rows");
        }
        for (int i = 0; i < d.rows(); i++) {
            if (rows[i] < 0 || rows[i] >= s.rows()) {
                throw new IndexOutOfBoundsException("gatherRows: row " + rows[i] + " outside " + s);
            }
        }
        if (kernel.index.length < d.rows()) {
            kernel.index = new int[Math.max(d.rows(), kernel.index.length * 2)];
        }
        System.arraycopy(rows, 0, kernel.index, 0, d.rows());
        indexState.hostWrote("row indices for " + d);
        kernel.put(kernel.index);
        indexState.put();
        indexState.requireDeviceCurrent();
        kernel.n = d.cols();
        setOffsets(s.offset(), d.offset(), 0, 0, 0, 0, 0, 0);
        launch(OpKind.ELEMENT, ArenaKernel.OP_GATHER, d.size(), "gatherRows into " + d);
    }

    // ---- dense layers ------------------------------------------------------------------------------

    @Override
    public synchronized void gemm(GemmLayout layout, Buffer a, Buffer b, Buffer c, Buffer bias, Activation act,
                                  boolean accumulate) {
        ClBuffer ra = buf(a);
        ClBuffer rb = buf(b);
        ClBuffer rc = buf(c);
        if (accumulate && (bias != null || act != Activation.IDENTITY)) {
            throw new IllegalArgumentException("accumulate takes no bias and no activation");
        }
        int m = rc.rows();
        int n = rc.cols();
        int k = layout == GemmLayout.TN ? ra.rows() : ra.cols();
        int am = layout == GemmLayout.TN ? ra.cols() : ra.rows();
        int bk = layout == GemmLayout.NT ? rb.cols() : rb.rows();
        int bn = layout == GemmLayout.NT ? rb.rows() : rb.cols();
        if (am != m || bk != k || bn != n) {
            throw new IllegalArgumentException("gemm " + layout + ": A " + ra + ", B " + rb + ", C " + rc
                    + " do not fit");
        }
        int biasOffset = -1;
        if (bias != null) {
            ClBuffer rbias = buf(bias);
            if (rbias.size() != n) {
                throw new IllegalArgumentException("gemm bias " + rbias + " must have " + n + " elements");
            }
            biasOffset = rbias.offset();
        }
        kernel.m = m;
        kernel.n = n;
        kernel.k = k;
        kernel.layout = switch (layout) {
            case NN -> ArenaKernel.LAYOUT_NN;
            case NT -> ArenaKernel.LAYOUT_NT;
            case TN -> ArenaKernel.LAYOUT_TN;
        };
        kernel.lda = ra.cols();
        kernel.ldb = rb.cols();
        kernel.flag = accumulate ? 1 : 0;
        kernel.act = act.ordinal();
        setOffsets(ra.offset(), rb.offset(), rc.offset(), biasOffset, 0, 0, 0, 0);
        if (m == 0 || n == 0) {
            return;
        }
        launch(OpKind.GEMM, ArenaKernel.OP_GEMM, 0, "gemm " + layout + " into " + rc);
    }

    @Override
    public synchronized void columnSums(Buffer x, Buffer out, boolean accumulate) {
        ClBuffer rx = buf(x);
        ClBuffer ro = buf(out);
        if (ro.size() != rx.cols()) {
            throw new IllegalArgumentException("columnSums: " + ro + " must have " + rx.cols() + " elements");
        }
        kernel.m = rx.rows();
        kernel.n = rx.cols();
        kernel.flag = accumulate ? 1 : 0;
        setOffsets(rx.offset(), ro.offset(), 0, 0, 0, 0, 0, 0);
        launch(OpKind.ELEMENT, ArenaKernel.OP_COLUMN_SUMS, rx.cols(), "columnSums into " + ro);
    }

    @Override
    public synchronized void activation(Activation act, Buffer x, Buffer y) {
        ClBuffer rx = buf(x);
        ClBuffer ry = buf(y);
        sameSize(rx, ry);
        kernel.act = act.ordinal();
        setOffsets(rx.offset(), ry.offset(), 0, 0, 0, 0, 0, 0);
        launch(OpKind.ELEMENT, ArenaKernel.OP_ACTIVATION, rx.size(), act + " into " + ry);
    }

    @Override
    public synchronized void activationBackward(Activation act, Buffer y, Buffer dy, Buffer dx) {
        ClBuffer ry = buf(y);
        ClBuffer rdy = buf(dy);
        ClBuffer rdx = buf(dx);
        sameSize(ry, rdy);
        sameSize(ry, rdx);
        kernel.act = act.ordinal();
        setOffsets(ry.offset(), rdy.offset(), rdx.offset(), 0, 0, 0, 0, 0);
        launch(OpKind.ELEMENT, ArenaKernel.OP_ACTIVATION_BACKWARD, ry.size(), act + " backward into " + rdx);
    }

    @Override
    public synchronized void softmax(Buffer x, Buffer y) {
        ClBuffer rx = buf(x);
        ClBuffer ry = buf(y);
        sameSize(rx, ry);
        kernel.m = rx.rows();
        kernel.n = rx.cols();
        setOffsets(rx.offset(), ry.offset(), 0, 0, 0, 0, 0, 0);
        launch(OpKind.ELEMENT, ArenaKernel.OP_SOFTMAX, rx.rows(), "softmax into " + ry);
    }

    @Override
    public synchronized void softmaxBackward(Buffer y, Buffer dy, Buffer dx) {
        ClBuffer ry = buf(y);
        ClBuffer rdy = buf(dy);
        ClBuffer rdx = buf(dx);
        sameSize(ry, rdy);
        sameSize(ry, rdx);
        kernel.m = ry.rows();
        kernel.n = ry.cols();
        setOffsets(ry.offset(), rdy.offset(), rdx.offset(), 0, 0, 0, 0, 0);
        launch(OpKind.ELEMENT, ArenaKernel.OP_SOFTMAX_BACKWARD, ry.rows(), "softmax backward into " + rdx);
    }

    // ---- BatchNorm1d -------------------------------------------------------------------------------

    @Override
    public synchronized void batchNorm(BatchNormMode mode, Buffer x, Buffer gamma, Buffer beta, Buffer runningMean,
                                       Buffer runningVar, float momentum, float eps, Buffer saveMean,
                                       Buffer saveInvStd, Activation act, Buffer y) {
        ClBuffer rx = buf(x);
        ClBuffer ry = buf(y);
        sameSize(rx, ry);
        int n = rx.cols();
        ClBuffer g = perColumn(gamma, n, "gamma");
        ClBuffer b = perColumn(beta, n, "beta");
        ClBuffer rm = perColumn(runningMean, n, "runningMean");
        ClBuffer rv = perColumn(runningVar, n, "runningVar");
        ClBuffer sm = perColumn(saveMean, n, "saveMean");
        ClBuffer si = perColumn(saveInvStd, n, "saveInvStd");
        kernel.m = rx.rows();
        kernel.n = n;
        kernel.flag = switch (mode) {
            case TRAINING -> ArenaKernel.BN_TRAINING;
            case INFERENCE -> ArenaKernel.BN_INFERENCE;
            case BATCH_STATISTICS -> ArenaKernel.BN_BATCH_STATISTICS;
        };
        kernel.f0 = momentum;
        kernel.f1 = eps;
        kernel.act = act.ordinal();
        setOffsets(rx.offset(), g.offset(), b.offset(), rm.offset(), rv.offset(), sm.offset(), si.offset(),
                ry.offset());
        launch(OpKind.ELEMENT, ArenaKernel.OP_BATCH_NORM, n, "batchNorm into " + ry);
    }

    @Override
    public synchronized void batchNormBackward(Buffer x, Buffer y, Buffer dy, Activation act, Buffer gamma,
                                               Buffer saveMean, Buffer saveInvStd, Buffer dx, Buffer dGamma,
                                               Buffer dBeta) {
        ClBuffer rx = buf(x);
        ClBuffer ry = buf(y);
        ClBuffer rdy = buf(dy);
        sameSize(rx, ry);
        sameSize(rx, rdy);
        int n = rx.cols();
        ClBuffer g = perColumn(gamma, n, "gamma");
        ClBuffer sm = perColumn(saveMean, n, "saveMean");
        ClBuffer si = perColumn(saveInvStd, n, "saveInvStd");
        ClBuffer dg = perColumn(dGamma, n, "dGamma");
        ClBuffer db = perColumn(dBeta, n, "dBeta");
        int dxOffset = -1;
        if (dx != null) {
            ClBuffer rdx = buf(dx);
            sameSize(rx, rdx);
            dxOffset = rdx.offset();
        }
        kernel.m = rx.rows();
        kernel.n = n;
        kernel.act = act.ordinal();
        kernel.ldb = db.offset();
        setOffsets(rx.offset(), ry.offset(), rdy.offset(), g.offset(), sm.offset(), si.offset(), dxOffset, dg.offset());
        launch(OpKind.ELEMENT, ArenaKernel.OP_BATCH_NORM_BACKWARD, n, "batchNorm backward of " + rx);
    }

    private ClBuffer perColumn(Buffer b, int n, String what) {
        ClBuffer r = buf(b);
        if (r.size() != n) {
            throw new IllegalArgumentException("batchNorm: " + what + " " + r + " must have " + n + " elements");
        }
        return r;
    }

    // ---- losses ------------------------------------------------------------------------------------

    @Override
    public synchronized double squaredErrorColumn(Buffer pred, int column, Buffer target, float gradScale,
                                                  Buffer grad) {
        ClBuffer rp = buf(pred);
        ClBuffer rt = buf(target);
        if (column < 0 || column >= rp.cols() || rt.size() != rp.rows()) {
            throw new IllegalArgumentException("squaredErrorColumn: column " + column + " of " + rp + " against "
                    + rt);
        }
        int gradOffset = -1;
        if (grad != null) {
            ClBuffer rg = buf(grad);
            sameSize(rp, rg);
            gradOffset = rg.offset();
        }
        int m = rp.rows();
        int chunk = Math.max(1, (m + PARTIAL_SLOTS - 1) / PARTIAL_SLOTS);
        int workers = (m + chunk - 1) / chunk;
        kernel.m = m;
        kernel.n = rp.cols();
        kernel.k = column;
        kernel.chunk = chunk;
        kernel.f0 = gradScale;
        setOffsets(rp.offset(), rt.offset(), gradOffset, 0, 0, 0, 0, 0);
        launch(OpKind.ELEMENT, ArenaKernel.OP_SQUARED_ERROR_COLUMN, workers, "squaredErrorColumn of " + rp);
        return sumPartials(workers, "squared error of " + rp);
    }

    @Override
    public synchronized double squaredError(Buffer pred, Buffer target, float gradScale, Buffer grad,
                                            boolean accumulate) {
        ClBuffer rp = buf(pred);
        ClBuffer rt = buf(target);
        sameSize(rp, rt);
        int gradOffset = -1;
        if (grad != null) {
            ClBuffer rg = buf(grad);
            sameSize(rp, rg);
            gradOffset = rg.offset();
        }
        int size = rp.size();
        int chunk = Math.max(REDUCTION_CHUNK, (size + PARTIAL_SLOTS - 1) / PARTIAL_SLOTS);
        int workers = (size + chunk - 1) / chunk;
        kernel.m = size;
        kernel.chunk = chunk;
        kernel.flag = accumulate ? 1 : 0;
        kernel.f0 = gradScale;
        setOffsets(rp.offset(), rt.offset(), gradOffset, 0, 0, 0, 0, 0);
        launch(OpKind.ELEMENT, ArenaKernel.OP_SQUARED_ERROR, workers, "squaredError of " + rp);
        return sumPartials(workers, "squared error of " + rp);
    }

    /** Copies the reduction's partial sums back and adds them in a fixed order, in double. */
    private double sumPartials(int workers, String what) {
        partialState.deviceWrote("partial sums of the " + what);
        kernel.get(kernel.partial);
        partialState.got();
        partialState.requireHostCurrent();
        checkSentinel();
        double sum = 0;
        for (int w = 0; w < workers; w++) {
            sum += kernel.partial[w];
        }
        return sum;
    }

    @Override
    public synchronized void rowMeanSquaredError(Buffer pred, Buffer target, Buffer out) {
        ClBuffer rp = buf(pred);
        ClBuffer rt = buf(target);
        ClBuffer ro = buf(out);
        sameSize(rp, rt);
        if (ro.size() != rp.rows()) {
            throw new IllegalArgumentException("rowMeanSquaredError: " + ro + " must have " + rp.rows() + " elements");
        }
        kernel.m = rp.rows();
        kernel.n = rp.cols();
        setOffsets(rp.offset(), rt.offset(), ro.offset(), 0, 0, 0, 0, 0);
        launch(OpKind.ELEMENT, ArenaKernel.OP_ROW_MSE, rp.rows(), "rowMeanSquaredError into " + ro);
    }

    // ---- vector ops and optimiser ------------------------------------------------------------------

    @Override
    public synchronized void scale(Buffer x, float alpha) {
        ClBuffer rx = buf(x);
        kernel.f0 = alpha;
        setOffsets(rx.offset(), 0, 0, 0, 0, 0, 0, 0);
        launch(OpKind.ELEMENT, ArenaKernel.OP_SCALE, rx.size(), "scale of " + rx);
    }

    @Override
    public synchronized void axpy(float alpha, Buffer x, Buffer y) {
        ClBuffer rx = buf(x);
        ClBuffer ry = buf(y);
        sameSize(rx, ry);
        kernel.f0 = alpha;
        setOffsets(rx.offset(), ry.offset(), 0, 0, 0, 0, 0, 0);
        launch(OpKind.ELEMENT, ArenaKernel.OP_AXPY, rx.size(), "axpy into " + ry);
    }

    @Override
    public synchronized void adam(Buffer params, Buffer grads, Buffer m, Buffer v, AdamSettings s, int step) {
        ClBuffer p = buf(params);
        ClBuffer g = buf(grads);
        ClBuffer rm = buf(m);
        ClBuffer rv = buf(v);
        sameSize(p, g);
        sameSize(p, rm);
        sameSize(p, rv);
        if (step < 1) {
            throw new IllegalArgumentException("adam step counts from 1, got " + step);
        }
        kernel.f0 = s.learningRate();
        kernel.f1 = s.beta1();
        kernel.f2 = s.beta2();
        kernel.f3 = s.epsilon();
        // bias corrections in double on the host, as PyTorch does
        kernel.f4 = (float) (1 - Math.pow(s.beta1(), step));
        kernel.f5 = (float) (1 - Math.pow(s.beta2(), step));
        setOffsets(p.offset(), g.offset(), rm.offset(), rv.offset(), 0, 0, 0, 0);
        launch(OpKind.ELEMENT, ArenaKernel.OP_ADAM, p.size(), "adam on " + p);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            kernel.dispose();
            forget(device);
        }
    }

    private static void forget(OpenCLDevice device) {
        synchronized (OPEN) {
            OPEN.computeIfPresent(device, (d, n) -> n > 1 ? n - 1 : null);
        }
    }
}
