package io.tillstream.pipeline.topology;

/** The age bands marketing reports use; a customer's band is derived from the age on the sale. */
enum AgeGroup {
    UNDER_18("under 18", 0),
    FROM_18("18-24", 18),
    FROM_25("25-34", 25),
    FROM_35("35-44", 35),
    FROM_45("45-54", 45),
    FROM_55("55-64", 55),
    FROM_65("65+", 65);

    private final String label;
    private final int from;

    AgeGroup(String label, int from) {
        this.label = label;
        this.from = from;
    }

    /** values() copies its array on every call, and this runs for every sale. */
    private static final AgeGroup[] GROUPS = values();

    String label() {
        return label;
    }

    static AgeGroup of(int age) {
        for (int i = GROUPS.length - 1; i > 0; i--) {
            if (age >= GROUPS[i].from) {
                return GROUPS[i];
            }
        }
        return UNDER_18;
    }
}
