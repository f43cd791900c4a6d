using System.Net;
using System.Text.Json;
using Skiff.Server.Configuration;
using Skiff.Tests.Shared;

namespace Skiff.Server.Tests.PullRequests;

/// <summary>
/// Every recorded payload in ../shared/fixtures/github-webhooks, exactly as GitHub sent it, signed
/// for the repository it names: it parses and gets the answer its event calls for. The reconciler
/// is off (those repositories live on github.com, which is not reachable from here).
/// </summary>
public sealed class RecordedPayloadTests(RecordedPayloadTests.Server fixture) : IClassFixture<RecordedPayloadTests.Server>
{
    private const string Secret = "fixture-secret";
    private readonly TestServer _server = fixture.Instance;

    /// <summary>One server for every payload.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public TestServer Instance { get; private set; } = null!;

        public async Task InitializeAsync() => Instance = await TestServer.StartAsync(adjust: options => options with
        {
            RunReconciler = false,
            Repositories = [Repository("Codertocat/Hello-World"), Repository("Octocoders/Hello-World")],
        });

        public async Task DisposeAsync() => await Instance.DisposeAsync();
    }

    private static RepositoryConfig Repository(string name) => new()
    {
        FullName = name,
        CloneUrl = $"https://github.com/{name}.git",
        WebhookSecret = new SecretValue(Secret, "test"),
    };

    public static TheoryData<string, string> Payloads()
    {
        var data = new TheoryData<string, string>();
        var root = Path.Combine(RepositoryPaths.Fixtures, "github-webhooks");
        foreach (var folder in Directory.EnumerateDirectories(root).Order())
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order())
                data.Add(Path.GetFileName(folder), Path.GetRelativePath(root, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task Each_recorded_payload_gets_the_answer_its_event_calls_for(string eventName, string file)
    {
        var body = File.ReadAllText(Path.Combine(RepositoryPaths.Fixtures, "github-webhooks", file));

        using var response = await WebhookDeliveries.SendAsync(_server.Http, eventName, body, Secret);
        var answer = await response.Content.ReadAsStringAsync();

        var expected = eventName switch
        {
            "ping" => HttpStatusCode.OK,
            _ => HttpStatusCode.Accepted,
        };
        Assert.True(expected == response.StatusCode, $"{file}: {(int)response.StatusCode} {answer}");
        using var document = JsonDocument.Parse(answer);
        if (eventName == "pull_request")
        {
            var payload = JsonDocument.Parse(body).RootElement;
            var action = payload.GetProperty("action").GetString();
            // Both served repositories are called Hello-World, so their environments carry the owner.
            var owner = payload.GetProperty("repository").GetProperty("owner").GetProperty("login").GetString()!.ToLowerInvariant();
            var environment = document.RootElement.GetProperty("environment").GetString();
            if (action != "closed" || environment is not null)
                Assert.Equal($"{owner}-hello-world-pr-2", environment);
            var verdict = document.RootElement.TryGetProperty("verdict", out var v) ? v.GetString() : "Ignore";
            Assert.Equal(action == "closed" ? "Remove" : "Deploy", verdict);
        }
    }
}
