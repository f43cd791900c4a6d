using System.Text.Json;
using Skiff.Core.Api;
using Skiff.Core.Environments;
using Skiff.Core.Naming;
using Skiff.Server.Environments;
using Skiff.Server.Store;

namespace Skiff.Server.Api;

/// <summary>
/// <c>/api/v1/environments</c>: list, get, create-or-update (PUT) and delete. Writes only change
/// desired state and enqueue the environment; the reconciler does the work.
/// </summary>
public static class EnvironmentEndpoints
{
    public static void MapEnvironmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/environments");
        group.MapGet("/", ListAsync);
        group.MapGet("/{name}", GetAsync);
        group.MapPut("/{name}", PutAsync);
        group.MapDelete("/{name}", DeleteAsync);
        group.MapGet("/{name}/logs", LogEndpoint.StreamAsync);
        group.MapPost("/{name}/suspend", (string name, DesiredStateWriter desired, EnvironmentDtos dtos, CancellationToken ct) =>
            ChangeStateAsync(name, EnvironmentTrigger.Suspend, desired, dtos, ct));
        group.MapPost("/{name}/resume", (string name, DesiredStateWriter desired, EnvironmentDtos dtos, CancellationToken ct) =>
            ChangeStateAsync(name, EnvironmentTrigger.Resume, desired, dtos, ct));
        group.MapPost("/{name}/extend", ExtendAsync);
    }

    private static async Task<IResult> ListAsync(EnvironmentStore store, EnvironmentDtos dtos, CancellationToken cancellationToken)
    {
        var records = await store.ListAsync(cancellationToken);
        return Results.Json(records.Select(r => dtos.From(r)).ToList(), SkiffJson.Options);
    }

    private static async Task<IResult> GetAsync(string name, EnvironmentStore store, EnvironmentDtos dtos, CancellationToken cancellationToken)
    {
        var record = await store.FindAsync(name, cancellationToken);
        if (record is null)
            return NotFound(name);
        var history = await store.ListDeploymentsAsync(name, 20, cancellationToken);
        var events = await store.ListEventsAsync(name, 100, cancellationToken);
        return Results.Json(dtos.From(record, history, events), SkiffJson.Options);
    }

    private static async Task<IResult> PutAsync(string name, HttpRequest request, DesiredStateWriter desired, EnvironmentDtos dtos, CancellationToken cancellationToken)
    {
        if (DnsLabel.Explain(name) is { } nameProblem)
            return BadRequest($"environment name: {nameProblem}");

        EnvironmentRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<EnvironmentRequest>(request.Body, SkiffJson.Options, cancellationToken);
        }
        catch (JsonException exception)
        {
            return BadRequest($"request body is not valid JSON: {exception.Message}");
        }
        if (body?.Source is not { Length: > 0 } source)
            return BadRequest("request body: 'source' (the absolute path of the application folder) is required");
        if (!Path.IsPathFullyQualified(source))
            return BadRequest($"request body: 'source' must be an absolute path, got '{source}'");
        if (!Directory.Exists(source))
            return BadRequest($"request body: 'source' folder '{source}' does not exist on the server's host");

        EnvironmentRecord record;
        try
        {
            record = await desired.RunFolderAsync(name, Path.GetFullPath(source), Actor.Api, cancellationToken);
        }
        catch (NameTakenException taken)
        {
            return Conflict(taken.Message);
        }
        return Results.Json(dtos.From(record), SkiffJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Suspend or resume: records the desired state and enqueues; 202 with the new generation, 404, or 409 while it is being removed.</summary>
    private static async Task<IResult> ChangeStateAsync(string name, EnvironmentTrigger trigger, DesiredStateWriter desired, EnvironmentDtos dtos, CancellationToken cancellationToken)
    {
        var change = await desired.RequestAsync(name, trigger, Actor.Api, null, cancellationToken);
        return change.Outcome switch
        {
            LifecycleOutcome.NotFound => NotFound(name),
            LifecycleOutcome.Refused => Conflict($"environment '{name}': {change.Decision.Reason}"),
            _ => Results.Json(dtos.From(change.Record!), SkiffJson.Options, statusCode: StatusCodes.Status202Accepted),
        };
    }

    /// <summary><c>{"duration": "2d"}</c> (or "never", where the server allows it): the environment does not expire before now + duration.</summary>
    private static async Task<IResult> ExtendAsync(string name, HttpRequest request, EnvironmentStore store, DesiredStateWriter desired, EnvironmentDtos dtos,
        Configuration.SkiffServerOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ExtendRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<ExtendRequest>(request.Body, SkiffJson.Options, cancellationToken);
        }
        catch (JsonException exception)
        {
            return BadRequest($"request body is not valid JSON: {exception.Message}");
        }
        if (body?.Duration is not { Length: > 0 } duration)
            return BadRequest("request body: 'duration' (such as 2d, 12h or never) is required");
        var record = await store.FindAsync(name, cancellationToken);
        if (record is null)
            return NotFound(name);
        var extension = Core.Lifetimes.Extension.Parse(duration, options.Lifetimes, time);
        if (!extension.Accepted)
            return BadRequest($"duration: {extension.Reason}");
        var change = await desired.ExtendAsync(name, extension.ExtendedUntil, Actor.Api, $"extended: {extension.Reason}", cancellationToken);
        return change.Outcome switch
        {
            LifecycleOutcome.NotFound => NotFound(name),
            LifecycleOutcome.Refused => Conflict($"environment '{name}': {change.Decision.Reason}"),
            _ => Results.Json(dtos.From(change.Record!), SkiffJson.Options),
        };
    }

    private static async Task<IResult> DeleteAsync(string name, DesiredStateWriter desired, CancellationToken cancellationToken)
    {
        if ((await desired.RequestAsync(name, EnvironmentTrigger.Remove, Actor.Api, null, cancellationToken)).Outcome == LifecycleOutcome.NotFound)
            return NotFound(name);
        return Results.Json(new { name, phase = "Deleting" }, SkiffJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    internal static IResult NotFound(string name) =>
        Results.Json(new ApiError($"no environment named '{name}'"), SkiffJson.Options, statusCode: StatusCodes.Status404NotFound);

    private static IResult Conflict(string message) =>
        Results.Json(new ApiError(message), SkiffJson.Options, statusCode: StatusCodes.Status409Conflict);

    internal static IResult BadRequest(string message) =>
        Results.Json(new ApiError(message), SkiffJson.Options, statusCode: StatusCodes.Status400BadRequest);
}
