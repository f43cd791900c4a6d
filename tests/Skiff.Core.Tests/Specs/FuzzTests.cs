using Skiff.Core.Specs;
using Skiff.Core.Specs.Loading;
using YamlDotNet.RepresentationModel;

namespace Skiff.Core.Tests.Specs;

/// <summary>
/// Bad input of every shape must give positioned errors, never an exception: every node of a rich
/// spec is replaced by values of every other type, and the text is randomly damaged.
/// </summary>
public class FuzzTests
{
    private const string Compose = """
        name: shop
        x-skiff:
          public: web
          ttl: 3d
          seed: {service: db, file: seed.sql, command: [psql]}
          resources: {cpu: 2, memory: 2GiB}
        include:
          - path: extra.yaml
        services:
          web:
            build:
              context: .
              dockerfile: Dockerfile
              args: {A: "1"}
              target: dev
            image: web:${TAG:-1}
            command: ["serve", "--port", "80"]
            entrypoint: /entry.sh
            environment: {A: "1", B: ~}
            env_file: [{path: app.env, required: false}]
            ports: ["8080:80", {target: 81, published: 8081}]
            expose: [3000]
            depends_on:
              db: {condition: service_healthy, required: true}
            healthcheck: {test: ["CMD", "true"], interval: 5s, retries: 3}
            volumes: ["./src:/src", {type: volume, source: data, target: /data}]
            secrets: [token, {source: token, target: /t}]
            configs: [conf]
            restart: always
            working_dir: /srv
            user: "1000"
            profiles: []
            deploy: {resources: {limits: {cpus: "0.5", memory: 512m}}}
            mem_limit: 512m
            x-skiff: {resources: {cpu: 0.5}}
          db:
            image: postgres
            extends: {service: base}
          base:
            image: postgres
        volumes:
          data: {driver: local}
        secrets:
          token: {file: token.txt}
        configs:
          conf: {file: conf.txt}
        networks:
          front: {}
        """;

    private static readonly string[] Replacements = ["x", "~", "[1, [2]]", "{a: {b: 1}}", "99999999999999999999999", "''", "'${'", "'$$'", "-1", "'../../../../etc'", "!reset"];

    [Fact]
    public void Every_node_replaced_by_every_other_shape_gives_positioned_errors()
    {
        using var repo = new TempRepo();
        repo.Write("extra.yaml", "services:\n  extra: {image: x}\n").Write("seed.sql", "").Write("token.txt", "").Write("conf.txt", "").Context(".");
        var paths = NodePaths(Parse(Compose).RootNode).ToList();
        Assert.True(paths.Count > 90, $"only {paths.Count} nodes");
        var loads = 0;
        foreach (var path in paths)
        {
            foreach (var replacement in Replacements)
            {
                var stream = Parse(Compose);
                Replace(stream.RootNode, path, Parse(replacement).RootNode);
                var text = new StringWriter();
                new YamlStream(stream).Save(text, assignAnchors: false);
                repo.Write("compose.yaml", text.ToString());
                AssertWellFormed(repo.Load(), $"{string.Join("/", path)} = {replacement}");
                loads++;
            }
        }
        Assert.True(loads > 900);
    }

    [Fact]
    public void Randomly_damaged_text_gives_positioned_errors()
    {
        using var repo = new TempRepo();
        repo.Write("extra.yaml", "services:\n  extra: {image: x}\n").Context(".");
        var random = new Random(20261203);
        const string alphabet = "{}[]:,-'\"&*!|>#%@`$ \n\t ~?abc123.\\/";
        for (var i = 0; i < 1500; i++)
        {
            var text = Compose.ToCharArray().ToList();
            for (var edits = random.Next(1, 6); edits > 0; edits--)
            {
                var at = random.Next(text.Count);
                switch (random.Next(3))
                {
                    case 0:
                        text.RemoveAt(at);
                        break;
                    case 1:
                        text.Insert(at, alphabet[random.Next(alphabet.Length)]);
                        break;
                    default:
                        text[at] = alphabet[random.Next(alphabet.Length)];
                        break;
                }
            }
            repo.Write(random.Next(4) == 0 ? "skiff.yaml" : "compose.yaml", new string([.. text]));
            AssertWellFormed(repo.Load(), $"variant {i}");
            File.Delete(repo.PathOf("skiff.yaml"));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0\0\0")]
    [InlineData("- a\n- b\n")]
    [InlineData("42")]
    [InlineData("services: [web]")]
    [InlineData("services:\n  web: nginx\n")]
    [InlineData("services:\n  - web: {image: x}\n")]
    [InlineData("services: {web: {image: x, ports: {a: 1}}}")]
    [InlineData("services: {web: {image: x, volumes: [[]]}}")]
    [InlineData("services: {web: {image: x, environment: [[a]]}}")]
    [InlineData("services: {web: {image: x, depends_on: [[a]]}}")]
    [InlineData("services: {web: {image: x, extends: [a]}}")]
    [InlineData("services: {web: {image: x, build: {args: [[a]]}}}")]
    [InlineData("include: {a: 1}\nservices: {web: {image: x}}")]
    [InlineData("include: [[a]]\nservices: {web: {image: x}}")]
    [InlineData("x-skiff: [1]\nservices: {web: {image: x}}")]
    [InlineData("x-skiff: {seed: {service: [a], file: {b: 1}}}\nservices: {web: {image: x}}")]
    [InlineData("volumes: [a]\nsecrets: 1\nconfigs: {a: [1]}\nnetworks: [1]\nservices: {web: {image: x}}")]
    [InlineData("a: &a [*a]")]
    [InlineData("%YAML 9.9\n---\na: 1")]
    [InlineData("\ufeffservices: {web: {image: x}}")]
    public void Odd_documents_give_positioned_errors(string text)
    {
        using var repo = new TempRepo();
        AssertWellFormed(repo.Write("compose.yaml", text).Load(), text);
        AssertWellFormed(repo.Write("skiff.yaml", text).Load(), "skiff.yaml: " + text);
    }

    [Fact]
    public void Long_chains_neither_overflow_the_stack_nor_take_long()
    {
        const int Count = 20_000;
        var dependsOn = string.Join("\n", Enumerable.Range(0, Count).Select(i => i < Count - 1 ? $"  s{i}: {{image: x, depends_on: [s{i + 1}]}}" : $"  s{i}: {{image: x}}"));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var chain = TempRepo.LoadCompose("services:\n" + dependsOn + "\n");
        Assert.True(chain.Succeeded, string.Join("\n", chain.Errors.Take(3)));
        Assert.Equal(Count, chain.Spec!.Services.Length);

        var extends = string.Join("\n", Enumerable.Range(0, Count).Select(i => i < Count - 1 ? $"  s{i}: {{extends: s{i + 1}}}" : $"  s{i}: {{image: x}}"));
        var deep = TempRepo.LoadCompose("services:\n" + extends + "\n");
        Assert.Contains("compose.yaml:34:18: services.s32.extends: extends nests more than 32 levels deep; flatten the chain of bases", CorpusAssert.Lines(deep.Errors));
        AssertWellFormed(deep, "deep extends");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    private static void AssertWellFormed(SpecLoadResult result, string variant)
    {
        foreach (var problem in result.Errors.Concat(result.Warnings))
        {
            Assert.False(problem.Message.Contains("internal error", StringComparison.Ordinal), $"{variant}: {problem}");
            Assert.True(problem.Location is { Line: > 0, Column: > 0 }, $"{variant}: no position in '{problem}'");
            Assert.False(string.IsNullOrWhiteSpace(problem.Message), variant);
        }
        if (result.Spec is null)
            Assert.NotEmpty(result.Errors);
    }

    private static YamlDocument Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0];
    }

    /// <summary>Paths to every node (each step a key or an index).</summary>
    private static IEnumerable<object[]> NodePaths(YamlNode node, object[]? prefix = null)
    {
        prefix ??= [];
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    var path = prefix.Append(((YamlScalarNode)key).Value!).ToArray();
                    yield return path;
                    foreach (var inner in NodePaths(value, path))
                        yield return inner;
                }
                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    var path = prefix.Append(i).ToArray();
                    yield return path;
                    foreach (var inner in NodePaths(sequence.Children[i], path))
                        yield return inner;
                }
                break;
        }
    }

    private static void Replace(YamlNode root, object[] path, YamlNode replacement)
    {
        var node = root;
        for (var i = 0; i < path.Length - 1; i++)
            node = path[i] is int index ? ((YamlSequenceNode)node).Children[index] : ((YamlMappingNode)node).Children[new YamlScalarNode((string)path[i])];
        if (path[^1] is int last)
            ((YamlSequenceNode)node).Children[last] = replacement;
        else
            ((YamlMappingNode)node).Children[new YamlScalarNode((string)path[^1])] = replacement;
    }
}
