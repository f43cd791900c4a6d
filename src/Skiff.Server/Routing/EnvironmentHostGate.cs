using Skiff.Core.Environments;
using Skiff.Server.Activity;
using Skiff.Server.Store;
using Yarp.ReverseProxy.Forwarder;

namespace Skiff.Server.Routing;

/// <summary>
/// Requests for an environment host that no route serves get a clear answer here instead of
/// falling through to the API: a suspended environment is woken and the request held (a browser
/// for at most a second, then a "waking up" page that refreshes itself; other clients up to 30 s)
/// and forwarded once the environment serves; 503 while it deploys; 404 when there is none.
/// </summary>
public sealed class EnvironmentHostGate(RequestDelegate next, ServerUrls urls, EnvironmentRoutes routes)
{
    public static readonly TimeSpan BrowserWait = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan ClientWait = TimeSpan.FromSeconds(30);

    public async Task InvokeAsync(HttpContext context, EnvironmentStore store, WakeCoordinator wake, ActivityTracker activity, WakeForwarder forwarder)
    {
        var host = context.Request.Host.Host;
        if (!urls.Current.TryParseHost(host, out var environment, out var service) || routes.Serves(host))
        {
            await next(context);
            return;
        }

        var record = await store.FindAsync(environment, context.RequestAborted);
        if (record is null)
        {
            await PlainAsync(context, StatusCodes.Status404NotFound, $"skiff: no environment named '{environment}'\n");
            return;
        }
        var asleep = record.Desired == nameof(DesiredState.Suspended) || record.SuspendedAt is not null;
        if (!asleep || record.Desired == nameof(DesiredState.Absent))
        {
            var what = service is null ? "its public service" : $"service '{service}'";
            await PlainAsync(context, StatusCodes.Status503ServiceUnavailable,
                $"skiff: environment '{environment}' is {record.Phase.ToLowerInvariant()}; {what} is not serving yet\n");
            return;
        }

        activity.Touch(environment);
        var browser = context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
        if (await wake.WakeAsync(environment, browser ? BrowserWait : ClientWait, context.RequestAborted)
            && await forwarder.ForwardAsync(context, environment, service))
            return;

        if (browser)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            context.Response.Headers.CacheControl = "no-store";
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(WakingPage.Render(environment), context.RequestAborted);
            return;
        }
        await PlainAsync(context, StatusCodes.Status503ServiceUnavailable, $"skiff: environment '{environment}' is waking up; try again in a moment\n");
    }

    private static async Task PlainAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
            context.Response.Headers.RetryAfter = "2";
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text, context.RequestAborted);
    }
}
