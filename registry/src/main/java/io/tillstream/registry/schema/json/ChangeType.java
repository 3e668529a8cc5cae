package io.tillstream.registry.schema.json;

/**
 * The kinds of change between two JSON schemas, named as Confluent's registry names them in its
 * verbose compatibility answers, each with its verdict under Confluent's default (strict) policy:
 * whether a reader with the changed schema still accepts everything the original accepted.
 * Confluent's changes of id, title, description and default are left out: they are always
 * compatible, so they never reach an answer.
 */
enum ChangeType {
    SCHEMA_ADDED(false, Wording.UNDESCRIBED),
    SCHEMA_REMOVED(true, Wording.UNDESCRIBED),
    TYPE_EXTENDED(true, Wording.UNDESCRIBED),
    TYPE_NARROWED(false, Wording.TYPE_DIFFERS),
    TYPE_CHANGED(false, Wording.TYPE_DIFFERS),

    MAX_LENGTH_ADDED(false, Wording.KEYWORD_MISSING),
    MAX_LENGTH_REMOVED(true, Wording.UNDESCRIBED),
    MAX_LENGTH_INCREASED(true, Wording.UNDESCRIBED),
    MAX_LENGTH_DECREASED(false, Wording.VALUE_DECREASED),
    MIN_LENGTH_ADDED(false, Wording.KEYWORD_MISSING),
    MIN_LENGTH_REMOVED(true, Wording.UNDESCRIBED),
    MIN_LENGTH_INCREASED(false, Wording.VALUE_INCREASED),
    MIN_LENGTH_DECREASED(true, Wording.UNDESCRIBED),
    PATTERN_ADDED(false, Wording.KEYWORD_MISSING),
    PATTERN_REMOVED(true, Wording.UNDESCRIBED),
    PATTERN_CHANGED(false, Wording.VALUE_CHANGED),

    MAXIMUM_ADDED(false, Wording.KEYWORD_MISSING),
    MAXIMUM_REMOVED(true, Wording.UNDESCRIBED),
    MAXIMUM_INCREASED(true, Wording.UNDESCRIBED),
    MAXIMUM_DECREASED(false, Wording.VALUE_DECREASED),
    MINIMUM_ADDED(false, Wording.KEYWORD_MISSING),
    MINIMUM_REMOVED(true, Wording.UNDESCRIBED),
    MINIMUM_INCREASED(false, Wording.VALUE_INCREASED),
    MINIMUM_DECREASED(true, Wording.UNDESCRIBED),
    EXCLUSIVE_MAXIMUM_ADDED(false, Wording.KEYWORD_MISSING),
    EXCLUSIVE_MAXIMUM_REMOVED(true, Wording.UNDESCRIBED),
    EXCLUSIVE_MAXIMUM_INCREASED(true, Wording.UNDESCRIBED),
    EXCLUSIVE_MAXIMUM_DECREASED(false, Wording.VALUE_DECREASED),
    EXCLUSIVE_MINIMUM_ADDED(false, Wording.KEYWORD_MISSING),
    EXCLUSIVE_MINIMUM_REMOVED(true, Wording.UNDESCRIBED),
    EXCLUSIVE_MINIMUM_INCREASED(false, Wording.VALUE_INCREASED),
    EXCLUSIVE_MINIMUM_DECREASED(true, Wording.UNDESCRIBED),
    MULTIPLE_OF_ADDED(false, Wording.KEYWORD_MISSING),
    MULTIPLE_OF_REMOVED(true, Wording.UNDESCRIBED),
    MULTIPLE_OF_EXPANDED(false, Wording.VALUE_INCREASED),
    MULTIPLE_OF_REDUCED(true, Wording.UNDESCRIBED),
    MULTIPLE_OF_CHANGED(false, Wording.VALUE_CHANGED),

    REQUIRED_ATTRIBUTE_ADDED(false, Wording.KEYWORD_MISSING),
    REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED(true, Wording.UNDESCRIBED),
    REQUIRED_ATTRIBUTE_REMOVED(true, Wording.UNDESCRIBED),
    MAX_PROPERTIES_ADDED(false, Wording.KEYWORD_MISSING),
    MAX_PROPERTIES_REMOVED(true, Wording.UNDESCRIBED),
    MAX_PROPERTIES_INCREASED(true, Wording.UNDESCRIBED),
    MAX_PROPERTIES_DECREASED(false, Wording.VALUE_DECREASED),
    MIN_PROPERTIES_ADDED(false, Wording.KEYWORD_MISSING),
    MIN_PROPERTIES_REMOVED(true, Wording.UNDESCRIBED),
    MIN_PROPERTIES_INCREASED(false, Wording.VALUE_INCREASED),
    MIN_PROPERTIES_DECREASED(true, Wording.UNDESCRIBED),
    ADDITIONAL_PROPERTIES_ADDED(true, Wording.UNDESCRIBED),
    ADDITIONAL_PROPERTIES_REMOVED(false, Wording.KEYWORD_MISSING),
    ADDITIONAL_PROPERTIES_EXTENDED(true, Wording.UNDESCRIBED),
    ADDITIONAL_PROPERTIES_NARROWED(false, Wording.FEWER_ELEMENTS),
    DEPENDENCY_ARRAY_ADDED(false, Wording.KEYWORD_MISSING),
    DEPENDENCY_ARRAY_REMOVED(true, Wording.UNDESCRIBED),
    DEPENDENCY_ARRAY_EXTENDED(false, Wording.MORE_ELEMENTS),
    DEPENDENCY_ARRAY_NARROWED(true, Wording.UNDESCRIBED),
    DEPENDENCY_ARRAY_CHANGED(false, Wording.VALUE_CHANGED),
    DEPENDENCY_SCHEMA_ADDED(false, Wording.KEYWORD_MISSING),
    DEPENDENCY_SCHEMA_REMOVED(true, Wording.UNDESCRIBED),

    REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL(false, Wording.ADDED_TO_OPEN),
    REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL(false, Wording.ADDED_TO_OPEN),
    OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL(false, Wording.ADDED_TO_OPEN),
    PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL(true, Wording.UNDESCRIBED),
    REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL(false, Wording.REQUIRED_ADDED_TO_UNOPEN),
    REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL(true, Wording.UNDESCRIBED),
    OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL(true, Wording.UNDESCRIBED),
    PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL(true, Wording.UNDESCRIBED),
    PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL(true, Wording.UNDESCRIBED),
    PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL(false, Wording.REMOVED_FROM_CLOSED),
    PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL(true, Wording.UNDESCRIBED),
    PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL(false, Wording.REMOVED_NOT_COVERED),
    PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL(true, Wording.UNDESCRIBED),
    PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL(false, Wording.ADDED_NOT_COVERED),
    UNEVALUATED_PROPERTIES_ADDED(true, Wording.UNDESCRIBED),
    UNEVALUATED_PROPERTIES_REMOVED(false, Wording.KEYWORD_MISSING),
    UNEVALUATED_PROPERTIES_EXTENDED(true, Wording.UNDESCRIBED),
    UNEVALUATED_PROPERTIES_NARROWED(false, Wording.FEWER_ELEMENTS),

    MAX_ITEMS_ADDED(false, Wording.KEYWORD_MISSING),
    MAX_ITEMS_REMOVED(true, Wording.UNDESCRIBED),
    MAX_ITEMS_INCREASED(true, Wording.UNDESCRIBED),
    MAX_ITEMS_DECREASED(false, Wording.VALUE_DECREASED),
    MIN_ITEMS_ADDED(false, Wording.KEYWORD_MISSING),
    MIN_ITEMS_REMOVED(true, Wording.UNDESCRIBED),
    MIN_ITEMS_INCREASED(false, Wording.VALUE_INCREASED),
    MIN_ITEMS_DECREASED(true, Wording.UNDESCRIBED),
    MAX_CONTAINS_ADDED(false, Wording.KEYWORD_MISSING),
    MAX_CONTAINS_REMOVED(true, Wording.UNDESCRIBED),
    MAX_CONTAINS_INCREASED(true, Wording.UNDESCRIBED),
    MAX_CONTAINS_DECREASED(false, Wording.VALUE_DECREASED),
    MIN_CONTAINS_ADDED(false, Wording.KEYWORD_MISSING),
    MIN_CONTAINS_REMOVED(true, Wording.UNDESCRIBED),
    MIN_CONTAINS_INCREASED(false, Wording.VALUE_INCREASED),
    MIN_CONTAINS_DECREASED(true, Wording.UNDESCRIBED),
    UNIQUE_ITEMS_ADDED(false, Wording.KEYWORD_MISSING),
    UNIQUE_ITEMS_REMOVED(true, Wording.UNDESCRIBED),
    ADDITIONAL_ITEMS_ADDED(true, Wording.UNDESCRIBED),
    ADDITIONAL_ITEMS_REMOVED(false, Wording.KEYWORD_MISSING),
    ADDITIONAL_ITEMS_EXTENDED(true, Wording.UNDESCRIBED),
    ADDITIONAL_ITEMS_NARROWED(false, Wording.FEWER_ELEMENTS),
    UNEVALUATED_ITEMS_ADDED(true, Wording.UNDESCRIBED),
    UNEVALUATED_ITEMS_REMOVED(false, Wording.KEYWORD_MISSING),
    UNEVALUATED_ITEMS_EXTENDED(true, Wording.UNDESCRIBED),
    UNEVALUATED_ITEMS_NARROWED(false, Wording.FEWER_ELEMENTS),

    ITEM_ADDED_TO_OPEN_CONTENT_MODEL(false, Wording.ADDED_TO_OPEN),
    ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL(true, Wording.UNDESCRIBED),
    ITEM_ADDED_TO_CLOSED_CONTENT_MODEL(true, Wording.UNDESCRIBED),
    ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL(true, Wording.UNDESCRIBED),
    ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL(true, Wording.UNDESCRIBED),
    ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL(false, Wording.REMOVED_FROM_CLOSED),
    ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL(true, Wording.UNDESCRIBED),
    ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL(false, Wording.REMOVED_NOT_COVERED),
    ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL(true, Wording.UNDESCRIBED),
    ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL(false, Wording.ADDED_NOT_COVERED),

    ENUM_ARRAY_EXTENDED(true, Wording.UNDESCRIBED),
    ENUM_ARRAY_NARROWED(false, Wording.FEWER_ELEMENTS),
    ENUM_ARRAY_CHANGED(false, Wording.TYPE_DIFFERS),

    COMBINED_TYPE_EXTENDED(true, Wording.UNDESCRIBED),
    COMBINED_TYPE_CHANGED(false, Wording.TYPE_DIFFERS),
    PRODUCT_TYPE_EXTENDED(false, Wording.MORE_ELEMENTS),
    PRODUCT_TYPE_NARROWED(true, Wording.UNDESCRIBED),
    SUM_TYPE_EXTENDED(true, Wording.MORE_ELEMENTS),
    SUM_TYPE_NARROWED(false, Wording.FEWER_ELEMENTS),
    COMBINED_TYPE_SUBSCHEMAS_CHANGED(false, Wording.TYPE_DIFFERS),
    NOT_TYPE_EXTENDED(false, Wording.MORE_ELEMENTS),
    NOT_TYPE_NARROWED(true, Wording.UNDESCRIBED);

    private final boolean compatible;
    private final Wording wording;

    ChangeType(boolean compatible, Wording wording) {
        this.compatible = compatible;
        this.wording = wording;
    }

    boolean compatible() {
        return compatible;
    }

    /** Confluent's description of a change at {@code path}, the reading schema named {@code reader}, the writing one {@code writer}. */
    String describe(String path, String reader, String writer) {
        return wording.template.replace("{path}", path).replace("{reader}", reader).replace("{writer}", writer);
    }

    /** Confluent's sentences, one per group of change types; a type outside every group has an empty description. */
    private enum Wording {
        KEYWORD_MISSING("The keyword at path '{path}' in the {reader} schema is not present in the {writer} schema"),
        VALUE_INCREASED("The value at path '{path}' in the {reader} schema is more than its value in the {writer} schema"),
        VALUE_DECREASED("The value at path '{path}' in the {reader} schema is less than its value in the {writer} schema"),
        VALUE_CHANGED("The value at path '{path}' is different between the {reader} and {writer} schema"),
        FEWER_ELEMENTS("An array or combined type at path '{path}' has fewer elements in the {reader} schema than the {writer} schema"),
        MORE_ELEMENTS("An array or combined type at path '{path}' has more elements in the {reader} schema than the {writer} schema"),
        TYPE_DIFFERS("A type at path '{path}' is different between the {reader} schema and the {writer} schema"),
        ADDED_TO_OPEN("The {reader} schema has an open content model and has a property or item at path '{path}' which is missing in the {writer} schema"),
        REQUIRED_ADDED_TO_UNOPEN("The {reader} schema has an unopen content model and has a required property at path '{path}' which is missing in the {writer} schema"),
        REMOVED_FROM_CLOSED("The {reader} has a closed content model and is missing a property or item present at path '{path}' in the {writer} schema"),
        REMOVED_NOT_COVERED("A property or item is missing in the {reader} schema but present at path '{path}' in the {writer} schema and is not covered by its partially open content model"),
        ADDED_NOT_COVERED("The {reader} schema has a property or item at path '{path}' which is missing in the {writer} schema and is not covered by its partially open content model"),
        UNDESCRIBED("");

        private final String template;

        Wording(String template) {
            this.template = template;
        }
    }
}
