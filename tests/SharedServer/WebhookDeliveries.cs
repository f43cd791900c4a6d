using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Skiff.Server.Webhooks;
using Skiff.Server.GitHub;

namespace Skiff.Tests.Shared;

/// <summary>
/// Real signed webhook deliveries built from the recorded GitHub payloads in
/// ../shared/fixtures/github-webhooks, with the repository, PR number, commit and fork-ness
/// rewritten to the test's repository. Everything else in the payload stays as GitHub sent it.
/// </summary>
public sealed class WebhookDeliveries(string owner, string name, string secret)
{
    public string FullName => $"{owner}/{name}";

    public string Secret => secret;

    /// <summary>A pull_request payload for <paramref name="action"/> (from the fixture of that action).</summary>
    public string PullRequest(string action, int number, string sha, bool fromFork = false, bool draft = false, params string[] labels)
    {
        var payload = Fixture("pull_request", $"{action}.payload.json");
        payload["number"] = number;
        Rewrite(payload["repository"]!.AsObject(), owner, name);
        var pr = payload["pull_request"]!.AsObject();
        pr["number"] = number;
        pr["draft"] = draft;
        pr["state"] = action == "closed" ? "closed" : "open";
        pr["labels"] = new JsonArray([.. labels.Select((label, i) => (JsonNode)new JsonObject { ["id"] = 1000 + i, ["node_id"] = $"L{i}", ["url"] = "https://api.github.com/labels/" + label, ["name"] = label, ["color"] = "ededed", ["default"] = false, ["description"] = null })]);
        var head = pr["head"]!.AsObject();
        head["sha"] = sha;
        head["ref"] = $"pr-{number}";
        Rewrite(head["repo"]!.AsObject(), fromFork ? "someone-else" : owner, name);
        Rewrite(pr["base"]!["repo"]!.AsObject(), owner, name);
        return payload.ToJsonString();
    }

    public string Ping()
    {
        var payload = Fixture("ping", "payload.json");
        Rewrite(payload["repository"]!.AsObject(), owner, name);
        return payload.ToJsonString();
    }

    /// <summary>Sends a delivery the way GitHub does: JSON body, event and delivery headers, and the HMAC signature (unless <paramref name="signature"/> overrides it).</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, string eventName, string body, string secret, string? delivery = null, string? signature = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/github") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", delivery ?? Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", signature ?? WebhookSignature.Sign(bytes, secret));
        request.Headers.UserAgent.ParseAdd("GitHub-Hookshot/044aadd");
        return await http.SendAsync(request);
    }

    public Task<HttpResponseMessage> SendAsync(HttpClient http, string eventName, string body, string? delivery = null, string? signature = null) =>
        SendAsync(http, eventName, body, secret, delivery, signature);

    private static JsonObject Fixture(string folder, string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Fixtures, "github-webhooks", folder, file)))!.AsObject();

    private static void Rewrite(JsonObject repository, string owner, string name)
    {
        repository["name"] = name;
        repository["full_name"] = $"{owner}/{name}";
        if (repository["owner"] is JsonObject account)
            account["login"] = owner;
    }
}
