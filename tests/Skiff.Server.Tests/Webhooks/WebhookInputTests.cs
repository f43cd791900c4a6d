using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Skiff.Core.Api;
using Skiff.Core.Naming;
using Skiff.Server.Configuration;
using Skiff.Tests.Shared;

namespace Skiff.Server.Tests.Webhooks;

/// <summary>
/// Signed deliveries that GitHub would never send get a 400 with a one-line reason and leave no
/// trace (no environment, no delivery id remembered); no input at all gets a 500. The reconciler is
/// off: what matters is what gets recorded.
/// </summary>
public sealed class WebhookInputTests(WebhookInputTests.Server fixture) : IClassFixture<WebhookInputTests.Server>
{
    private const string Secret = "fuzz-secret";
    private static readonly WebhookDeliveries Deliveries = new("acme", "shop", Secret);
    private static readonly string Sha = new('c', 40);
    private readonly TestServer _server = fixture.Instance;

    public sealed class Server : IAsyncLifetime
    {
        public TestServer Instance { get; private set; } = null!;

        public async Task InitializeAsync() => Instance = await TestServer.StartAsync(adjust: options => options with
        {
            RunReconciler = false,
            Repositories = [new RepositoryConfig { FullName = "acme/shop", CloneUrl = "https://github.com/acme/shop.git", WebhookSecret = new SecretValue(Secret, "test") }],
        });

        public async Task DisposeAsync() => await Instance.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(string body, string? delivery = null, string eventName = "pull_request")
    {
        using var response = await Deliveries.SendAsync(_server.Http, eventName, body, delivery);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<List<EnvironmentDto>> EnvironmentsAsync() =>
        await _server.Http.GetFromJsonAsync<List<EnvironmentDto>>("api/v1/environments", SkiffJson.Options) ?? [];

    [Theory]
    [InlineData(1099511627776L, "pull_request.number must be between 1 and 2147483647")]
    [InlineData(0L, "pull_request.number must be between 1 and 2147483647")]
    [InlineData(-5L, "pull_request.number must be between 1 and 2147483647")]
    public async Task A_pull_request_number_github_cannot_have_is_refused_and_nothing_is_recorded(long number, string expected)
    {
        var payload = JsonNode.Parse(Deliveries.PullRequest("opened", 1, Sha))!.AsObject();
        payload["number"] = number;
        payload["pull_request"]!["number"] = number;
        var delivery = Guid.NewGuid().ToString();

        var (status, body) = await SendAsync(payload.ToJsonString(), delivery);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
        Assert.DoesNotContain(await EnvironmentsAsync(), e => e.PullRequest?.Number == number || e.Name.EndsWith($"-pr-{number}", StringComparison.Ordinal));
        // The delivery id was not remembered: the same id with a valid body is a new delivery.
        var (again, answer) = await SendAsync(Deliveries.PullRequest("opened", 41, Sha), delivery);
        Assert.Equal(HttpStatusCode.Accepted, again);
        Assert.False(JsonDocument.Parse(answer).RootElement.TryGetProperty("duplicate", out _));
    }

    [Theory]
    [InlineData("head", "not-a-commit", "pull_request.head.sha must be a commit id")]
    [InlineData("title", null, "pull_request.title is longer than GitHub allows")]
    [InlineData("login", "evil\nlogin", "pull_request.user.login is not a GitHub login")]
    [InlineData("numbers", null, "number (2) and pull_request.number (42) differ")]
    public async Task Fields_outside_what_github_sends_are_refused_with_the_field_named(string field, string? value, string expected)
    {
        var payload = JsonNode.Parse(Deliveries.PullRequest("opened", 42, Sha))!.AsObject();
        var pr = payload["pull_request"]!.AsObject();
        switch (field)
        {
            case "head": pr["head"]!["sha"] = value; break;
            case "title": pr["title"] = string.Concat(Enumerable.Repeat("😀", 257)); break;
            case "login": pr["user"]!["login"] = value; break;
            case "numbers": payload["number"] = 2; break;
        }

        var (status, body) = await SendAsync(payload.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
        Assert.DoesNotContain(await EnvironmentsAsync(), e => e.PullRequest?.Number == 42);
    }

    [Fact]
    public async Task Headers_that_are_not_githubs_are_refused()
    {
        var body = Deliveries.PullRequest("opened", 43, Sha);
        var (longDelivery, _) = await SendAsync(body, delivery: new string('d', 101));
        var (oddDelivery, _) = await SendAsync(body, delivery: "../../etc");
        var (oddEvent, answer) = await SendAsync(body, eventName: "Pull Request");

        Assert.Equal(HttpStatusCode.BadRequest, longDelivery);
        Assert.Equal(HttpStatusCode.BadRequest, oddDelivery);
        Assert.Equal(HttpStatusCode.BadRequest, oddEvent);
        Assert.Contains("X-GitHub-Event", JsonDocument.Parse(answer).RootElement.GetProperty("error").GetString());
        Assert.DoesNotContain(await EnvironmentsAsync(), e => e.PullRequest?.Number == 43);
    }

    /// <summary>
    /// Mutated recorded payloads — fields deleted, types changed, huge and negative numbers, long and
    /// odd unicode strings — each signed correctly: never a 500, always JSON, and what got recorded
    /// is only what a real pull request could be.
    /// </summary>
    [Fact]
    public async Task Mutated_recorded_payloads_never_get_a_500_and_record_only_valid_pull_requests()
    {
        var random = new Random(8);
        var actions = new[] { "opened", "synchronize", "reopened", "labeled", "closed", "converted_to_draft", "ready_for_review" };
        var statuses = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < 300; i++)
        {
            var payload = JsonNode.Parse(Deliveries.PullRequest(actions[random.Next(actions.Length)], 100 + random.Next(50), Sha))!;
            for (var mutations = 1 + random.Next(3); mutations > 0; mutations--)
                PayloadMutator.Mutate(payload, random);

            var (status, body) = await SendAsync(payload.ToJsonString());

            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.BadRequest, $"mutation {i}: {(int)status} {body}");
            using var answer = JsonDocument.Parse(body);
            if (status == HttpStatusCode.BadRequest)
                Assert.False(string.IsNullOrWhiteSpace(answer.RootElement.GetProperty("error").GetString()));
        }

        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > 30, string.Join(", ", statuses));
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.Accepted) > 30, string.Join(", ", statuses));
        foreach (var environment in await EnvironmentsAsync())
        {
            Assert.True(DnsLabel.IsValid(environment.Name), environment.Name);
            Assert.InRange(environment.PullRequest!.Number, 1, int.MaxValue);
            Assert.Matches("^([0-9a-f]{40}|[0-9a-f]{64})$", environment.PullRequest.Sha);
            Assert.True(environment.PullRequest.Title is null || environment.PullRequest.Title.EnumerateRunes().Count() <= 256);
        }
    }
}
