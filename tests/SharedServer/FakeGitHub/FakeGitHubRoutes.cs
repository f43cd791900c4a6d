using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Skiff.Tests.Shared;

/// <summary>The endpoints of the fake, each checked as GitHub documents it (required fields, allowed states, lengths).</summary>
internal sealed partial class FakeGitHubRoutes(FakeGitHubState state, FakeGitHubApps apps, FakeGitHubJson json)
{
    private static readonly string[] DeploymentStates = ["error", "failure", "inactive", "in_progress", "queued", "pending", "success"];

    public FakeGitHubAnswer Answer(string method, string path, IQueryCollection query, JsonElement? body, string? authorization)
    {
        var payload = body ?? default;
        if (AnswerPull(method, path) is { } pull)
            return pull;
        if (Match(DeploymentsPath(), path) is { } d)
        {
            return method switch
            {
                "POST" => CreateDeployment(d["repo"], payload),
                "GET" => ListDeployments(d["repo"], query),
                _ => NotFound(),
            };
        }
        if (Match(StatusesPath(), path) is { } s)
        {
            if (state.Deployment(s["repo"], long.Parse(s["id"], CultureInfo.InvariantCulture)) is not { } deployment)
                return NotFound();
            return method switch
            {
                "POST" => CreateStatus(deployment, payload),
                "GET" => Page(state.Statuses(deployment.Id).Reverse().Select(x => (JsonNode)json.Status(x, deployment)).ToList(), query),
                _ => NotFound(),
            };
        }
        if (Match(IssueCommentsPath(), path) is { } c)
        {
            var issue = int.Parse(c["number"], CultureInfo.InvariantCulture);
            return method switch
            {
                "POST" => CreateComment(c["repo"], issue, payload),
                "GET" => Page(state.Comments(c["repo"], issue).Select(x => (JsonNode)json.Comment(x)).ToList(), query),
                _ => NotFound(),
            };
        }
        if (Match(CommentPath(), path) is { } e && method == "PATCH")
        {
            if (Text(payload, "body") is not { } text)
                return Missing("IssueComment", "body");
            return state.UpdateComment(e["repo"], long.Parse(e["id"], CultureInfo.InvariantCulture), text) is { } updated
                ? new FakeGitHubAnswer(200, json.Comment(updated))
                : NotFound();
        }
        if (Match(AccessTokensPath(), path) is { } t && method == "POST")
            return AccessToken(long.Parse(t["id"], CultureInfo.InvariantCulture), authorization);
        return NotFound();
    }

    private FakeGitHubAnswer CreateDeployment(string repository, JsonElement body)
    {
        if (Text(body, "ref") is not { Length: > 0 } reference)
            return FakeGitHubAnswer.Error(422, "Invalid request.\n\n\"ref\" wasn't supplied.");
        if (!CommitId().IsMatch(reference))
            return FakeGitHubAnswer.Error(422, $"No ref found for: {reference}");
        var deployment = state.CreateDeployment(repository, reference.ToLowerInvariant(), reference, body);
        return new FakeGitHubAnswer(201, json.Deployment(deployment));
    }

    private FakeGitHubAnswer ListDeployments(string repository, IQueryCollection query)
    {
        IEnumerable<FakeDeployment> deployments = state.Deployments(repository).Reverse();
        foreach (var (name, select) in new (string, Func<FakeDeployment, string>)[] { ("sha", x => x.Sha), ("ref", x => x.Ref), ("task", x => x.Task), ("environment", x => x.Environment) })
        {
            if (query.TryGetValue(name, out var wanted) && wanted.ToString() is { Length: > 0 } value)
                deployments = deployments.Where(x => string.Equals(select(x), value, StringComparison.Ordinal)).ToList();
        }
        return Page(deployments.Select(x => (JsonNode)json.Deployment(x)).ToList(), query);
    }

    private FakeGitHubAnswer CreateStatus(FakeDeployment deployment, JsonElement body)
    {
        if (Text(body, "state") is not { } value)
            return Missing("DeploymentStatus", "state");
        if (!DeploymentStates.Contains(value))
            return Invalid("DeploymentStatus", "state", $"state is not included in the list");
        if (Text(body, "description") is { Length: > 140 })
            return Invalid("DeploymentStatus", "description", "description is too long (maximum is 140 characters)");
        var status = state.AddStatus(deployment, value, body);
        return new FakeGitHubAnswer(201, json.Status(status, deployment));
    }

    private FakeGitHubAnswer CreateComment(string repository, int issue, JsonElement body)
    {
        if (Text(body, "body") is not { } text)
            return Missing("IssueComment", "body");
        if (text.Length > 65536)
            return Invalid("IssueComment", "body", "Body is too long (maximum is 65536 characters)");
        var comment = state.CreateComment(repository, issue, text, FakeGitHubJson.BotLogin);
        return new FakeGitHubAnswer(201, json.Comment(comment));
    }

    private FakeGitHubAnswer AccessToken(long installationId, string? jwt)
    {
        var (token, expiresAt, status, message) = apps.Exchange(installationId, jwt);
        if (token is null)
            return FakeGitHubAnswer.Error(status, message ?? "Bad credentials");
        return new FakeGitHubAnswer(201, new JsonObject
        {
            ["token"] = token,
            ["expires_at"] = FakeGitHubJson.Time(expiresAt),
            ["permissions"] = new JsonObject { ["deployments"] = "write", ["issues"] = "write", ["metadata"] = "read", ["pull_requests"] = "write" },
            ["repository_selection"] = "all",
        });
    }

    /// <summary>A page as GitHub gives it: per_page (default 30, at most 100), page, and a Link header with next, last, prev and first.</summary>
    private static FakeGitHubAnswer Page(IReadOnlyList<JsonNode> items, IQueryCollection query)
    {
        var perPage = Math.Clamp(Number(query, "per_page") ?? 30, 1, 100);
        var page = Math.Max(Number(query, "page") ?? 1, 1);
        var last = Math.Max((items.Count + perPage - 1) / perPage, 1);
        var array = new JsonArray(items.Skip((page - 1) * perPage).Take(perPage).Select(i => i.DeepClone()).ToArray());
        var answer = new FakeGitHubAnswer(200, array);
        if (last == 1)
            return answer;
        var others = query.Where(q => q.Key is not ("page" or "per_page")).Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}&");
        var prefix = string.Concat(others);
        return answer with
        {
            Link = url =>
            {
                string Rel(int number, string rel) => $"<{url}?{prefix}per_page={perPage}&page={number}>; rel=\"{rel}\"";
                var links = new List<string>();
                if (page > 1)
                    links.Add(Rel(page - 1, "prev"));
                if (page < last)
                    links.Add(Rel(page + 1, "next"));
                links.Add(Rel(last, "last"));
                links.Add(Rel(1, "first"));
                return string.Join(", ", links);
            },
        };
    }

    private static FakeGitHubAnswer NotFound() => FakeGitHubAnswer.Error(404, "Not Found");

    private static FakeGitHubAnswer Missing(string resource, string field) =>
        FakeGitHubAnswer.Error(422, "Validation Failed", "https://docs.github.com/rest",
            new JsonArray(new JsonObject { ["resource"] = resource, ["code"] = "missing_field", ["field"] = field }));

    private static FakeGitHubAnswer Invalid(string resource, string field, string message) =>
        FakeGitHubAnswer.Error(422, "Validation Failed", "https://docs.github.com/rest",
            new JsonArray(new JsonObject { ["resource"] = resource, ["code"] = "custom", ["field"] = field, ["message"] = message }));

    private static Dictionary<string, string>? Match(Regex pattern, string path)
    {
        var match = pattern.Match(path);
        if (!match.Success)
            return null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in pattern.GetGroupNames().Where(n => !int.TryParse(n, out _)))
            values[name] = Uri.UnescapeDataString(match.Groups[name].Value);
        if (values.TryGetValue("owner", out var owner) && values.TryGetValue("name", out var name2))
            values["repo"] = $"{owner}/{name2}";
        return values;
    }

    private static string? Text(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) && int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    [GeneratedRegex("^/repos/(?<owner>[^/]+)/(?<name>[^/]+)/deployments/?$")]
    private static partial Regex DeploymentsPath();

    [GeneratedRegex("^/repos/(?<owner>[^/]+)/(?<name>[^/]+)/deployments/(?<id>[0-9]{1,18})/statuses/?$")]
    private static partial Regex StatusesPath();

    [GeneratedRegex("^/repos/(?<owner>[^/]+)/(?<name>[^/]+)/issues/(?<number>[0-9]{1,9})/comments/?$")]
    private static partial Regex IssueCommentsPath();

    [GeneratedRegex("^/repos/(?<owner>[^/]+)/(?<name>[^/]+)/issues/comments/(?<id>[0-9]{1,18})/?$")]
    private static partial Regex CommentPath();

    [GeneratedRegex("^/app/installations/(?<id>[0-9]{1,18})/access_tokens/?$")]
    private static partial Regex AccessTokensPath();

    [GeneratedRegex("^[0-9a-fA-F]{40}$")]
    private static partial Regex CommitId();
}
