package io.tillstream.registry.schema.protobuf;

import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.ProtoType;
import com.squareup.wire.schema.internal.parser.ExtendElement;
import com.squareup.wire.schema.internal.parser.FieldElement;
import com.squareup.wire.schema.internal.parser.GroupElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.OneOfElement;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.RpcElement;
import com.squareup.wire.schema.internal.parser.ServiceElement;
import com.squareup.wire.schema.internal.parser.TypeElement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the parser lets through but protoc would refuse, and a registry must not store: imports that
 * nothing provides, type names that no file declares, field numbers used twice or out of range.
 */
final class ProtoValidation {

    private static final int MAX_FIELD_NUMBER = 536_870_911;
    private static final int FIRST_RESERVED_BY_PROTOBUF = 19_000;
    private static final int LAST_RESERVED_BY_PROTOBUF = 19_999;

    private final TypeIndex types;

    private ProtoValidation(TypeIndex types) {
        this.types = types;
    }

    /**
     * @param importable whether an import path is a reference or a well-known file
     * @throws io.tillstream.registry.model.RegistryException 42201 naming the first problem
     */
    static void check(ProtoFileElement file, Predicate<String> importable, TypeIndex types) {
        List<String> imports = new ArrayList<>(file.getImports());
        imports.addAll(file.getPublicImports());
        imports.addAll(file.getWeakImports());
        for (String path : imports) {
            if (!importable.test(path)) {
                throw ProtoParsing.invalid("import \"" + path + "\" is neither a schema reference nor a well-known type");
            }
        }
        ProtoValidation validation = new ProtoValidation(types);
        String packageName = TypeIndex.packageOf(file);
        validation.types(file.getTypes(), packageName);
        validation.extensions(file.getExtendDeclarations(), packageName);
        for (ServiceElement service : file.getServices()) {
            for (RpcElement rpc : service.getRpcs()) {
                validation.named(rpc.getRequestType(), packageName, "request of rpc '" + rpc.getName() + "'", rpc.getLocation());
                validation.named(rpc.getResponseType(), packageName, "response of rpc '" + rpc.getName() + "'", rpc.getLocation());
            }
        }
    }

    private void types(List<TypeElement> declared, String scope) {
        for (TypeElement type : declared) {
            String fullName = TypeIndex.qualify(scope, type.getName());
            if (type instanceof MessageElement message) {
                message(message, fullName);
            }
            types(type.getNestedTypes(), fullName);
        }
    }

    private void message(MessageElement message, String fullName) {
        Map<Integer, FieldElement> byNumber = new HashMap<>();
        List<FieldElement> fields = new ArrayList<>(message.getFields());
        message.getOneOfs().stream().map(OneOfElement::getFields).forEach(fields::addAll);
        message.getGroups().stream().map(GroupElement::getFields).forEach(fields::addAll);
        message.getOneOfs().stream().flatMap(o -> o.getGroups().stream()).map(GroupElement::getFields).forEach(fields::addAll);
        for (FieldElement field : fields) {
            field(field, fullName);
            FieldElement earlier = byNumber.putIfAbsent(field.getTag(), field);
            if (earlier != null) {
                throw ProtoParsing.invalid("field number " + field.getTag() + " of '" + field.getName() + "' " + at(field.getLocation())
                    + " is already used by '" + earlier.getName() + "' in message '" + fullName + "'");
            }
        }
        extensions(message.getExtendDeclarations(), fullName);
    }

    private void field(FieldElement field, String scope) {
        int number = field.getTag();
        if (number < 1 || number > MAX_FIELD_NUMBER || number >= FIRST_RESERVED_BY_PROTOBUF && number <= LAST_RESERVED_BY_PROTOBUF) {
            throw ProtoParsing.invalid("field '" + field.getName() + "' " + at(field.getLocation()) + " has number " + number
                + "; field numbers are 1 to " + MAX_FIELD_NUMBER + ", except " + FIRST_RESERVED_BY_PROTOBUF + " to "
                + LAST_RESERVED_BY_PROTOBUF);
        }
        ProtoType type = ProtoType.get(field.getType());
        String what = "field '" + field.getName() + "'";
        if (type.isMap()) {
            named(type.getValueType().toString(), scope, what, field.getLocation());
        } else {
            named(field.getType(), scope, what, field.getLocation());
        }
    }

    private void extensions(List<ExtendElement> extensions, String scope) {
        for (ExtendElement extend : extensions) {
            named(extend.getName(), scope, "extend", extend.getLocation());
            extend.getFields().forEach(field -> named(field.getType(), scope, "field '" + field.getName() + "'", field.getLocation()));
        }
    }

    private void named(String type, String scope, String what, Location location) {
        if (!ProtoType.get(type).isScalar() && types.resolve(type, scope).isEmpty()) {
            throw ProtoParsing.invalid("unknown type '" + type + "' in " + what + " " + at(location));
        }
    }

    private static String at(Location location) {
        return "at line " + location.getLine() + ", column " + location.getColumn();
    }
}
