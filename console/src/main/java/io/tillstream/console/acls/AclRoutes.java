package io.tillstream.console.acls;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tillstream.console.http.Bodies;
import io.tillstream.console.http.ConsoleException;
import io.tillstream.console.http.ErrorCode;
import io.tillstream.console.http.Routes;
import io.tillstream.console.http.WebServer;

import java.util.List;

/**
 * {@code /acls}: the cluster's ACLs by principal and resource, and creating and deleting them (admin
 * actions, so the console's admin, CSRF and read-only rules apply). A deletion names the ACL exactly
 * and repeats its principal in {@code confirm}. On a cluster without an authorizer the list says so
 * and the changes answer 409 {@code no_authorizer}.
 */
public final class AclRoutes implements Routes {

    private static final String ACLS = WebServer.API + "/acls";

    private final ClusterAcls acls;

    /** The list's answer: {@code authorizer} false (and {@code message} why) on a cluster that keeps no ACLs. */
    record AclList(boolean authorizer, String message, List<Acl> acls) {
    }

    public AclRoutes(ClusterAcls acls) {
        this.acls = acls;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(ACLS, this::list);
        routes.post(ACLS, this::create);
        routes.delete(ACLS, this::delete);
    }

    private void list(Context ctx) {
        try {
            ctx.json(new AclList(true, null, acls.list(ctx.queryParam("principal"), ctx.queryParam("resourceType"),
                ctx.queryParam("resourceName"))));
        } catch (NoAuthorizerException e) {
            ctx.json(new AclList(false, e.getMessage(), List.of()));
        }
    }

    private void create(Context ctx) {
        Acl created = acls.create(Bodies.read(ctx, Acl.class));
        ctx.status(201).json(created);
    }

    /** Deletes the ACL the query names, only when {@code confirm} repeats its principal. */
    private void delete(Context ctx) {
        Acl acl = new Acl(ctx.queryParam("principal"), ctx.queryParam("host"), ctx.queryParam("operation"),
            ctx.queryParam("permission"), ctx.queryParam("resourceType"), ctx.queryParam("resourceName"),
            ctx.queryParam("patternType"));
        Bodies.requireConfirmation(ctx, acl.principal() == null ? "" : acl.principal(), "ACL's principal");
        if (!acls.delete(acl)) {
            throw new ConsoleException(ErrorCode.ACL_NOT_FOUND, "The cluster has no such ACL; it may have been deleted already.");
        }
        ctx.status(204);
    }
}
