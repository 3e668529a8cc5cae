package io.tillstream.registry.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillstream.registry.model.SubjectConfig;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A version's data contract as Confluent's registry settles it on registration: the metadata and rule
 * set the client sent, or else the previous version's, with the subject's {@code default*} settings
 * under them and its {@code override*} settings over them.
 */
final class DataContracts {

    private static final List<String> RULE_KINDS = List.of("migrationRules", "domainRules", "encodingRules");

    private DataContracts() {
    }

    /** A version's metadata and rule set; either may be null. */
    record Contract(ObjectNode metadata, ObjectNode ruleSet) {
    }

    static Contract settle(Contract requested, Contract previous, SubjectConfig config) {
        ObjectNode metadata = requested.metadata() != null ? requested.metadata() : previous.metadata();
        ObjectNode ruleSet = requested.ruleSet() != null ? requested.ruleSet() : previous.ruleSet();
        return new Contract(
            mergeMetadata(mergeMetadata(config.contract(SubjectConfig.DEFAULT_METADATA), metadata),
                config.contract(SubjectConfig.OVERRIDE_METADATA)),
            mergeRuleSets(mergeRuleSets(config.contract(SubjectConfig.DEFAULT_RULE_SET), ruleSet),
                config.contract(SubjectConfig.OVERRIDE_RULE_SET)));
    }

    /** Tags and properties of {@code over} replace those of {@code under} with the same name; sensitive names add up. */
    static ObjectNode mergeMetadata(ObjectNode under, ObjectNode over) {
        if (under == null || over == null) {
            return under == null ? over : under;
        }
        ObjectNode merged = under.deepCopy();
        for (String map : List.of("tags", "properties")) {
            if (over.get(map) instanceof ObjectNode entries && !entries.isEmpty()) {
                ObjectNode target = merged.get(map) instanceof ObjectNode existing ? existing : merged.putObject(map);
                target.setAll(entries.deepCopy());
            }
        }
        if (over.get("sensitive") instanceof ArrayNode names && !names.isEmpty()) {
            Set<String> all = new TreeSet<>();
            merged.path("sensitive").forEach(n -> all.add(n.asText()));
            names.forEach(n -> all.add(n.asText()));
            ArrayNode sorted = merged.putArray("sensitive");
            all.forEach(sorted::add);
        }
        return merged;
    }

    /** Each kind of rule of {@code over} replaces the rule of {@code under} with the same name, after the others. */
    static ObjectNode mergeRuleSets(ObjectNode under, ObjectNode over) {
        if (under == null || over == null) {
            return under == null ? over : under;
        }
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        for (String kind : RULE_KINDS) {
            JsonNode older = under.path(kind);
            JsonNode newer = over.path(kind);
            if (newer.isEmpty()) {
                copyIfPresent(older, merged, kind);
            } else if (older.isEmpty()) {
                copyIfPresent(newer, merged, kind);
            } else {
                Set<String> replaced = new HashSet<>();
                newer.forEach(rule -> replaced.add(rule.path("name").asText()));
                ArrayNode rules = merged.putArray(kind);
                older.forEach(rule -> {
                    if (!replaced.contains(rule.path("name").asText())) {
                        rules.add(rule.deepCopy());
                    }
                });
                newer.forEach(rule -> rules.add(rule.deepCopy()));
            }
        }
        JsonNode enableAt = over.hasNonNull("enableAt") ? over.get("enableAt") : under.get("enableAt");
        if (enableAt != null && !enableAt.isNull()) {
            merged.set("enableAt", enableAt);
        }
        return merged;
    }

    private static void copyIfPresent(JsonNode rules, ObjectNode target, String kind) {
        if (!rules.isMissingNode() && !rules.isNull()) {
            target.set(kind, rules.deepCopy());
        }
    }
}
