package io.tillstream.cli;

import io.tillstream.retail.generator.Progress;

/** Shows how a run is going while it runs. */
interface ProgressView {

    void show(Progress progress);

    /** Shows where the run ended and lets go of the display. */
    void finish(Progress last);
}
