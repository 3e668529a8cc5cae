package io.tillstream.retail;

/** A returning customer of the synthetic model: the same id, gender and age on every visit. */
record Customer(String id, Gender gender, int age) {
}
