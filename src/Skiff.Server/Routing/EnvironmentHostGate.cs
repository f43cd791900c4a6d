using Skiff.Server.Reconciliation;
using Skiff.Server.Store;

namespace Skiff.Server.Routing;

/// <summary>
/// Requests for an environment host that no route serves get a clear answer here instead of
/// falling through to the API: 503 while the environment is deploying, 404 when there is none.
/// </summary>
public sealed class EnvironmentHostGate(RequestDelegate next, ServerUrls urls, EnvironmentRoutes routes)
{
    public async Task InvokeAsync(HttpContext context, EnvironmentStore store)
    {
        var host = context.Request.Host.Host;
        if (!urls.Current.TryParseHost(host, out var environment, out var service) || routes.Serves(host))
        {
            await next(context);
            return;
        }

        var record = await store.FindAsync(environment, context.RequestAborted);
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (record is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync($"skiff: no environment named '{environment}'\n", context.RequestAborted);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "2";
        var what = service is null ? "its public service" : $"service '{service}'";
        await context.Response.WriteAsync($"skiff: environment '{environment}' is {record.Phase.ToLowerInvariant()}; {what} is not serving yet\n", context.RequestAborted);
    }
}
