package io.tandem.pipeline.image;

/** Which channels the model takes, in which order. */
public enum ChannelOrder implements WireNamed {
    RGB("rgb", new int[] {0, 1, 2}, new String[] {"red", "green", "blue"}),
    /** Models trained on images read by OpenCV, which keeps blue first. */
    BGR("bgr", new int[] {2, 1, 0}, new String[] {"blue", "green", "red"}),
    /** One channel, the ITU-R BT.601 luma 0.299 R + 0.587 G + 0.114 B (what PIL's {@code convert("L")} uses). */
    GRAYSCALE("grayscale", new int[] {-1}, new String[] {"gray"});

    private final String wireName;
    private final int[] sources;
    private final String[] names;

    ChannelOrder(String wireName, int[] sources, String[] names) {
        this.wireName = wireName;
        this.sources = sources;
        this.names = names;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static ChannelOrder fromWireName(String name) {
        return WireNamed.parse(values(), name);
    }

    /** The accepted names, in declaration order (the first is the default). */
    public static String[] wireNames() {
        return WireNamed.names(values());
    }

    /** How many channels the tensor has. */
    public int channels() {
        return sources.length;
    }

    /** The colour at tensor channel {@code position} ("red", "green", "blue" or "gray"). */
    public String channelName(int position) {
        return names[position];
    }

    /**
     * The BT.601 luma weight of tensor channel {@code position} (0.299 red, 0.587 green, 0.114
     * blue; 1 for gray), so that brightness is Σ weight · channel whatever the order.
     */
    public double lumaWeight(int position) {
        switch (sources[position]) {
            case 0:
                return 0.299;
            case 1:
                return 0.587;
            case 2:
                return 0.114;
            default:
                return 1.0;
        }
    }

    /** The RGBA byte (0 = R, 1 = G, 2 = B) tensor channel {@code position} is, or −1 for luma. */
    int source(int position) {
        return sources[position];
    }
}
