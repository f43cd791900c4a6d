using System.Text.Json;

namespace Skiff.Tests.Shared;

/// <summary>What the fake GitHub holds: deployments, their statuses and issue comments, per repository ("owner/name", lower case).</summary>
public sealed class FakeGitHubState(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<FakeDeployment> _deployments = [];
    private readonly List<FakeDeploymentStatus> _statuses = [];
    private readonly List<FakeIssueComment> _comments = [];
    private long _nextDeployment = 1_000;
    private long _nextStatus = 50_000;
    private long _nextComment = 2_000_000;

    /// <summary>The deployments of a repository, oldest first.</summary>
    public IReadOnlyList<FakeDeployment> Deployments(string repository)
    {
        lock (_gate)
            return _deployments.Where(d => d.Repository == Key(repository)).ToList();
    }

    /// <summary>The statuses of a deployment, oldest first.</summary>
    public IReadOnlyList<FakeDeploymentStatus> Statuses(long deploymentId)
    {
        lock (_gate)
            return _statuses.Where(s => s.DeploymentId == deploymentId).ToList();
    }

    /// <summary>
    /// The deployments of a repository whose statuses go backwards, each as "sha: queued, inactive,
    /// in_progress": a valid order is queued → in_progress → success or failure → inactive, steps
    /// may be left out, success and failure may follow each other, nothing comes after inactive.
    /// </summary>
    public IReadOnlyList<string> OutOfOrderDeployments(string repository)
    {
        static int Rank(string state) => state switch
        {
            "queued" or "pending" => 0,
            "in_progress" => 1,
            "success" or "failure" or "error" => 2,
            _ => 3,
        };
        lock (_gate)
        {
            return _deployments.Where(d => d.Repository == Key(repository))
                .Select(d => (d.Sha, States: _statuses.Where(s => s.DeploymentId == d.Id).Select(s => s.State).ToList()))
                .Where(d => d.States.Zip(d.States.Skip(1)).Any(pair => Rank(pair.Second) < Rank(pair.First) || pair.First == "inactive" && pair.Second == "inactive"))
                .Select(d => $"{d.Sha[..7]}: {string.Join(", ", d.States)}")
                .ToList();
        }
    }

    /// <summary>The comments of an issue or pull request, oldest first (as GitHub lists them).</summary>
    public IReadOnlyList<FakeIssueComment> Comments(string repository, int issue)
    {
        lock (_gate)
            return _comments.Where(c => c.Repository == Key(repository) && c.Issue == issue).ToList();
    }

    /// <summary>A comment by someone else (a person, another bot), as test background.</summary>
    public FakeIssueComment AddComment(string repository, int issue, string body, string userLogin = "Codertocat")
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var comment = new FakeIssueComment(_nextComment++, Key(repository), issue, body, userLogin, now, now);
            _comments.Add(comment);
            return comment;
        }
    }

    /// <summary>Deletes a comment, as a user could in the web interface.</summary>
    public bool DeleteComment(long id)
    {
        lock (_gate)
            return _comments.RemoveAll(c => c.Id == id) > 0;
    }

    internal FakeDeployment CreateDeployment(string repository, string sha, string reference, JsonElement body)
    {
        lock (_gate)
        {
            var deployment = new FakeDeployment(
                _nextDeployment++,
                Key(repository),
                sha,
                reference,
                String(body, "task") ?? "deploy",
                String(body, "environment") ?? "production",
                String(body, "description"),
                Bool(body, "transient_environment") ?? false,
                Bool(body, "production_environment") ?? (String(body, "environment") ?? "production") == "production",
                Bool(body, "auto_merge") ?? true,
                body.TryGetProperty("required_contexts", out var contexts) && contexts.ValueKind == JsonValueKind.Array
                    ? contexts.EnumerateArray().Select(c => c.GetString() ?? "").ToList()
                    : null,
                body.TryGetProperty("payload", out var payload) ? payload.Clone() : null,
                time.GetUtcNow());
            _deployments.Add(deployment);
            return deployment;
        }
    }

    internal FakeDeployment? Deployment(string repository, long id)
    {
        lock (_gate)
            return _deployments.Find(d => d.Id == id && d.Repository == Key(repository));
    }

    /// <summary>
    /// Adds a status. Like GitHub, a success with auto_inactive (the default) marks the earlier
    /// non-transient, non-production deployments of the same environment inactive.
    /// </summary>
    internal FakeDeploymentStatus AddStatus(FakeDeployment deployment, string state, JsonElement body)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var logUrl = String(body, "log_url") ?? String(body, "target_url");
            var status = new FakeDeploymentStatus(_nextStatus++, deployment.Id, state, String(body, "description"),
                String(body, "environment") ?? deployment.Environment, String(body, "environment_url"), logUrl, now);
            _statuses.Add(status);
            if (state == "success" && (Bool(body, "auto_inactive") ?? true))
            {
                var earlier = _deployments.Where(d => d.Repository == deployment.Repository && d.Environment == deployment.Environment
                    && d.Id < deployment.Id && !d.TransientEnvironment && !d.ProductionEnvironment).ToList();
                foreach (var old in earlier)
                    _statuses.Add(new FakeDeploymentStatus(_nextStatus++, old.Id, "inactive", "", old.Environment, null, null, now));
            }
            return status;
        }
    }

    internal FakeIssueComment CreateComment(string repository, int issue, string body, string userLogin) =>
        AddComment(repository, issue, body, userLogin);

    internal FakeIssueComment? UpdateComment(string repository, long id, string body)
    {
        lock (_gate)
        {
            var index = _comments.FindIndex(c => c.Id == id && c.Repository == Key(repository));
            if (index < 0)
                return null;
            var updated = _comments[index] with { Body = body, UpdatedAt = time.GetUtcNow() };
            _comments[index] = updated;
            return updated;
        }
    }

    internal static string Key(string repository) => repository.ToLowerInvariant();

    private static string? String(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool? Bool(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;
}
