using System.Text.RegularExpressions;
using Skiff.Core.PullRequests;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Skiff.Server.Configuration;

/// <summary>Loads <c>skiff-server.yaml</c> (see docs/server.md). Throws <see cref="ServerConfigException"/> with one clear line.</summary>
public static partial class ServerConfigLoader
{
    private static readonly string[] TopKeys = ["listen", "baseDomain", "runtime", "maxConcurrentDeploys", "repositories", "environments", "capacity", "prices", "janitor"];
    private static readonly string[] RepositoryKeys = ["name", "cloneUrl", "webhookSecret", "token", "app", "apiUrl", "pullRequests", "label", "deployForks", "ttl", "idle", "budget"];
    private static readonly string[] AppKeys = ["id", "installationId", "privateKey"];

    [GeneratedRegex("^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryName();

    public static ServerConfig Load(string path, Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ServerConfigException($"{path}: cannot read the server configuration: {exception.Message}");
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            throw new ServerConfigException($"{path}:{exception.Start.Line}:{exception.Start.Column}: {exception.Message}");
        }
        if (stream.Documents.Count == 0)
            return new ServerConfig();

        var reader = new ConfigReader(path);
        var root = reader.Mapping(stream.Documents[0].RootNode, "(top level)");
        var config = new ServerConfig();
        foreach (var (key, value, full) in reader.Entries(root, "", TopKeys))
        {
            config = key switch
            {
                "listen" => config with { Listen = reader.AbsoluteUri(value, full, "http", "https").ToString() },
                "baseDomain" => config with { BaseDomain = reader.String(value, full) },
                "runtime" => config with { Runtime = Runtime(reader, value, full) },
                "maxConcurrentDeploys" => config with { MaxConcurrentDeploys = reader.Integer(value, full, 1, 64) },
                "environments" => config with { Lifetimes = PolicyReaders.Lifetimes(reader, value, full) },
                "capacity" => config with { Capacity = PolicyReaders.Capacity(reader, value, full) },
                "prices" => config with { Prices = PolicyReaders.Prices(reader, value, full) },
                "janitor" => config with { Janitor = PolicyReaders.Janitor(reader, value, full) },
                _ => config with { Repositories = ReadRepositories(reader, value, full, getVariable) },
            };
        }
        return config;
    }

    private static string Runtime(ConfigReader reader, YamlNode node, string path)
    {
        var name = reader.String(node, path);
        return SkiffServerOptions.Runtimes.Contains(name)
            ? name
            : throw reader.Error(node, path, $"'{name}' is not a runtime this server knows (expected {string.Join(" or ", SkiffServerOptions.Runtimes)})");
    }

    private static List<RepositoryConfig> ReadRepositories(ConfigReader reader, YamlNode node, string path, Func<string, string?> getVariable)
    {
        var result = new List<RepositoryConfig>();
        var index = 0;
        foreach (var item in reader.Sequence(node, path).Children)
        {
            var repository = ReadRepository(reader, item, $"{path}[{index++}]", getVariable);
            if (result.Any(r => string.Equals(r.FullName, repository.FullName, StringComparison.OrdinalIgnoreCase)))
                throw reader.Error(item, path, $"repository {repository.FullName} is listed twice");
            result.Add(repository);
        }
        return result;
    }

    private static RepositoryConfig ReadRepository(ConfigReader reader, YamlNode node, string path, Func<string, string?> getVariable)
    {
        var mapping = reader.Mapping(node, path);
        string? name = null, cloneUrl = null, label = null;
        SecretValue? secret = null, token = null;
        GitHubAppConfig? app = null;
        Uri? apiUrl = null;
        var selection = PullRequestSelection.All;
        var forks = false;
        TimeSpan? ttl = null, idle = null;
        var budget = new Core.Budgets.BudgetRules();
        foreach (var (key, value, full) in reader.Entries(mapping, path, RepositoryKeys))
        {
            switch (key)
            {
                case "name":
                    name = reader.String(value, full);
                    if (!RepositoryName().IsMatch(name))
                        throw reader.Error(value, full, $"expected owner/name, got '{name}'");
                    break;
                case "cloneUrl":
                    cloneUrl = reader.String(value, full);
                    break;
                case "webhookSecret":
                    secret = reader.Secret(value, full, getVariable);
                    break;
                case "token":
                    token = reader.Secret(value, full, getVariable);
                    break;
                case "app":
                    app = ReadApp(reader, value, full, getVariable);
                    break;
                case "apiUrl":
                    apiUrl = reader.AbsoluteUri(value, full, "https", "http");
                    break;
                case "pullRequests":
                    selection = reader.String(value, full) switch
                    {
                        "all" => PullRequestSelection.All,
                        "labelled" or "labeled" => PullRequestSelection.Labelled,
                        "ready" => PullRequestSelection.Ready,
                        var other => throw reader.Error(value, full, $"expected all, labelled or ready, got '{other}'"),
                    };
                    break;
                case "label":
                    label = reader.String(value, full);
                    break;
                case "ttl":
                    ttl = reader.DurationOrNever(value, full);
                    break;
                case "idle":
                    idle = reader.DurationOrNever(value, full);
                    break;
                case "budget":
                    budget = PolicyReaders.Budget(reader, value, full);
                    break;
                default:
                    forks = reader.Boolean(value, full);
                    break;
            }
        }
        if (name is null)
            throw reader.Error(node, path, "'name' (owner/name) is required");
        if (secret is null)
            throw reader.Error(node, path, $"'webhookSecret' is required for {name} (for example env:WEBHOOK_SECRET)");
        if (token is not null && app is not null)
            throw reader.Error(node, path, $"give either 'token' or 'app' for {name}, not both");

        var api = apiUrl ?? new Uri("https://api.github.com/");
        return new RepositoryConfig
        {
            FullName = name,
            CloneUrl = cloneUrl ?? $"https://github.com/{name}.git",
            WebhookSecret = secret,
            Token = token,
            App = app,
            ApiUrl = api.AbsoluteUri.EndsWith('/') ? api : new Uri(api.AbsoluteUri + "/"),
            Rules = new PullRequestRules(selection, label ?? "preview", forks),
            Ttl = ttl,
            Idle = idle,
            Budget = budget,
        };
    }

    private static GitHubAppConfig ReadApp(ConfigReader reader, YamlNode node, string path, Func<string, string?> getVariable)
    {
        long? id = null, installation = null;
        SecretValue? key = null;
        foreach (var (name, value, full) in reader.Entries(reader.Mapping(node, path), path, AppKeys))
        {
            switch (name)
            {
                case "id": id = reader.Long(value, full); break;
                case "installationId": installation = reader.Long(value, full); break;
                default: key = reader.Secret(value, full, getVariable); break;
            }
        }
        if (id is null || installation is null || key is null)
            throw reader.Error(node, path, "an app needs id, installationId and privateKey");
        return new GitHubAppConfig(id.Value, installation.Value, key);
    }
}
