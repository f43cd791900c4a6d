using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;
using Skiff.Core.Api;
using Skiff.Server.Configuration;
using Skiff.Server.GitHub;
using Skiff.Server.Webhooks;

namespace Skiff.Server.Api;

/// <summary>
/// <c>POST /webhooks/github</c>: verifies the signature against the raw body (401, and nothing
/// recorded, when it does not match), answers <c>ping</c>, ignores what it does not serve (202),
/// and hands pull_request deliveries to <see cref="PullRequestWebhookHandler"/>, which only records
/// desired state. It answers in milliseconds; deploys happen in the reconciler.
/// </summary>
public static partial class GitHubWebhookEndpoint
{
    /// <summary>GitHub caps payloads at 25 MB.</summary>
    public const int MaxBodyBytes = 25 * 1024 * 1024;

    public static void MapGitHubWebhookEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/webhooks/github", HandleAsync);

    private static async Task<IResult> HandleAsync(HttpRequest request, SkiffServerOptions options, PullRequestWebhookHandler handler, CancellationToken cancellationToken)
    {
        var eventName = request.Headers["X-GitHub-Event"].ToString();
        var delivery = request.Headers["X-GitHub-Delivery"].ToString();
        if (eventName.Length == 0 || delivery.Length == 0)
            return Answer(StatusCodes.Status400BadRequest, new ApiError("missing X-GitHub-Event or X-GitHub-Delivery header"));
        if (!EventName().IsMatch(eventName))
            return Answer(StatusCodes.Status400BadRequest, new ApiError("X-GitHub-Event must be an event name such as pull_request"));
        if (!DeliveryId().IsMatch(delivery))
            return Answer(StatusCodes.Status400BadRequest, new ApiError("X-GitHub-Delivery must be a delivery id (letters, digits and '-', at most 100)"));

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
            return Answer(StatusCodes.Status413PayloadTooLarge, new ApiError($"the body is larger than {MaxBodyBytes} bytes"));

        string? repositoryName;
        try
        {
            repositoryName = RepositoryOf(body);
        }
        catch (JsonException)
        {
            return Answer(StatusCodes.Status400BadRequest, new ApiError("the body is not JSON"));
        }
        if (repositoryName is null || options.FindRepository(repositoryName) is not { } repository)
            return Answer(StatusCodes.Status202Accepted, new { ignored = $"repository '{repositoryName ?? "(none)"}' is not served by this Skiff" });

        if (!WebhookSignature.IsValid(request.Headers["X-Hub-Signature-256"].ToString(), body, repository.WebhookSecret.Reveal()))
            return Answer(StatusCodes.Status401Unauthorized, new ApiError("X-Hub-Signature-256 is missing or does not match the body and this repository's webhook secret"));

        switch (eventName)
        {
            case "ping":
                return Answer(StatusCodes.Status200OK, new { pong = true, repository = repository.FullName });
            case "pull_request":
                var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
                var answer = await handler.HandleAsync(repository, delivery, headers, body, cancellationToken);
                return Answer(answer.Status, answer.Body);
            default:
                return Answer(StatusCodes.Status202Accepted, new { ignored = $"event '{eventName}' does not affect environments" });
        }
    }

    private static IResult Answer(int status, object body) => Results.Json(body, SkiffJson.Options, statusCode: status);

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
            return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string? RepositoryOf(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("repository", out var repository)
            && repository.ValueKind == JsonValueKind.Object
            && repository.TryGetProperty("full_name", out var name)
            && name.ValueKind == JsonValueKind.String
                ? name.GetString()
                : null;
    }

    [GeneratedRegex("^[a-z_]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex EventName();

    /// <summary>GitHub sends a GUID; anything printable of the same kind is accepted.</summary>
    [GeneratedRegex("^[A-Za-z0-9-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex DeliveryId();
}
