using Skiff.Core.Environments;
using Skiff.Server.Activity;
using Skiff.Server.Store;
using Yarp.ReverseProxy.Model;
using Skiff.Server.Serving;

namespace Skiff.Server.Routing;

/// <summary>
/// Requests for an environment host that no proxy route took are answered here and never reach
/// the control plane: 404 when there is no such environment, no such service, no public service or
/// the service publishes no port; a suspended environment is woken and the request held (a
/// browser for at most a second, then a "waking up" page that refreshes itself; other clients up
/// to 30 s) and forwarded once it serves; a request that came while the proxy was still taking up
/// new routes is forwarded straight to the serving container; 503 while it deploys.
/// </summary>
public sealed class EnvironmentHostGate(RequestDelegate next, ServerUrls urls)
{
    public static readonly TimeSpan BrowserWait = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan ClientWait = TimeSpan.FromSeconds(30);

    public async Task InvokeAsync(HttpContext context, EnvironmentStore store, WakeCoordinator wake, ActivityTracker activity, WakeForwarder forwarder)
    {
        var host = context.Request.Host.Host;
        if (!urls.Current.TryParseHost(host, out var environment, out var service)
            || context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is not null)
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
        if (NoSuchTarget(record, service) is { } missing)
        {
            await PlainAsync(context, StatusCodes.Status404NotFound, $"skiff: {missing}\n");
            return;
        }
        var asleep = record.Desired == DesiredState.Suspended || record.SuspendedAt is not null;
        if (!asleep || record.Desired == DesiredState.Absent)
        {
            if (record.Desired != DesiredState.Absent && await forwarder.ForwardAsync(context, environment, service))
                return;
            var what = service is null ? "its public service" : $"service '{service}'";
            await PlainAsync(context, StatusCodes.Status503ServiceUnavailable,
                $"skiff: environment '{environment}' is {record.Phase.ToString().ToLowerInvariant()}; {what} is not serving yet\n");
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

    /// <summary>
    /// Why the host can never be served by this version of the environment, or null while it might
    /// be (not deployed yet, or deploying). Only a deploy that succeeded says which services have URLs.
    /// </summary>
    private string? NoSuchTarget(EnvironmentRecord record, string? service)
    {
        if (record.LastDeployedAt is null)
            return null;
        var services = EnvironmentStore.ReadServices(record);
        var reachable = services.Where(RouteTarget.Publishes).Select(s => urls.Current.ServiceHost(record.Name, s.Name)).ToList();
        var elsewhere = reachable.Count == 0 ? "none of its services publishes a port" : $"its services answer at {string.Join(", ", reachable)}";
        if (service is null)
            return record.PublicService is null ? $"environment '{record.Name}' has no public service; {elsewhere}" : null;
        if (services.FirstOrDefault(s => s.Name == service) is not { } snapshot)
            return $"environment '{record.Name}' has no service '{service}'; {elsewhere}";
        if (!RouteTarget.Publishes(snapshot) && snapshot.ContainerId is not null)
            return $"service '{service}' of environment '{record.Name}' publishes no port, so it has no URL; {elsewhere}";
        return null;
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
