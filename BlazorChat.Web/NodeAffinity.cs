using BlazorChat.Core.Events;

namespace BlazorChat.Web;

/// <summary>
/// Names the node that answered in the <c>bc_node</c> cookie, so that a load balancer can send a
/// browser back to the node that holds its circuits (deploy/nginx/blazorchat.conf.template maps
/// the cookie to an upstream). A browser that lands on another node (its node stopped) is
/// renamed to that one on the next answer.
/// </summary>
public static class NodeAffinity
{
    public const string CookieName = "bc_node";

    public static IApplicationBuilder UseNodeAffinity(this IApplicationBuilder app)
    {
        var node = app.ApplicationServices.GetRequiredService<NodeIdentity>().Id;
        return app.Use((context, next) =>
        {
            if (context.Request.Cookies[CookieName] != node)
                context.Response.Cookies.Append(CookieName, node, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return next(context);
        });
    }
}
