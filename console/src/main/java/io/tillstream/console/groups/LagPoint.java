package io.tillstream.console.groups;

/** A group's total lag at one cluster sample: a point of the lag chart. */
public record LagPoint(long time, long lag) {
}
