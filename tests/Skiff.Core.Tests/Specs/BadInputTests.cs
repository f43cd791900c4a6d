namespace Skiff.Core.Tests.Specs;

/// <summary>Broken YAML, wrong types, cycles and unknown keys: each gives exact one-line messages with file:line:col.</summary>
public class BadInputTests
{
    [Theory]
    [InlineData("services:\n  web: [nginx\n", "compose.yaml:3:1: invalid YAML: While parsing a flow sequence, did not find expected ',' or ']'.")]
    [InlineData("services:\n\tweb:\n", "compose.yaml:2:1: invalid YAML: While scanning a mapping, found invalid tab as indentation.")]
    [InlineData("services:\n  web:\n    image: \"unterminated\n", "compose.yaml:3:12: invalid YAML: While scanning a quoted scalar, found unexpected end of stream.")]
    [InlineData("a: b: c\n", "compose.yaml:1:5: invalid YAML: While scanning a plain scalar value, found invalid mapping.")]
    [InlineData("services:\n  web: {image: x}\n  web: {image: y}\n", "compose.yaml:3:3: invalid YAML: Duplicate key web")]
    [InlineData("- a\n- b\n", "compose.yaml:1:1: the top level of a Compose file must be a mapping of keys such as 'services:', found a list")]
    [InlineData("services: nginx\n", "compose.yaml:1:11: services: expected a mapping of service names to services, found a string")]
    [InlineData("services:\n  web: nginx\n", "compose.yaml:2:8: services.web: expected a mapping of service keys, found a string")]
    [InlineData("service:\n  web: {image: x}\n", "compose.yaml:1:1: service: unknown top-level key 'service'; expected one of: version, name, include, services, volumes, networks, secrets, configs, x-skiff or an x-* extension (did you mean 'services'?)")]
    [InlineData("services:\n  web:\n    image: x\n    depends_on: {db: [healthy]}\n  db: {image: y}\n", "compose.yaml:4:22: services.web.depends_on.db: expected a mapping with 'condition', found a list")]
    [InlineData("services:\n  web:\n    image: x\n    restart: sometimes\n", "compose.yaml:4:14: services.web.restart: unknown restart policy 'sometimes'; expected no, always, on-failure, on-failure:N or unless-stopped")]
    [InlineData("services:\n  web:\n    image: x\n    command: \"echo 'open\"\n", "compose.yaml:4:14: services.web.command: cannot split the command into words: a ' quote is never closed; close the quote or give the command as a list")]
    [InlineData("services:\n  web:\n    image: x\n    working_dir: app\n", "compose.yaml:4:18: services.web.working_dir: working_dir 'app' must be an absolute path in the container, such as /app")]
    [InlineData("services:\n  web:\n    image: x\n    environment: {A: [1]}\n", "compose.yaml:4:22: services.web.environment.A: expected a string, number or boolean, found a list")]
    [InlineData("services:\n  web:\n    image: echo $(date)\n", "compose.yaml:3:12: services.web.image: invalid interpolation in \"echo $(date)\": a '$' must start $NAME or ${NAME}; write $$ for a literal $")]
    public void Gives_exact_messages(string compose, string error) => SpecAssert.Error(TempRepo.LoadCompose(compose), error);

    [Fact]
    public void Reports_cycles_with_the_position_of_the_closing_dependency()
    {
        var result = TempRepo.LoadCompose("services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on:\n      a: {condition: service_started}\n");
        SpecAssert.Error(result, "compose.yaml:4:18: services.a.depends_on: dependency cycle detected: a -> b -> a");
    }

    [Fact]
    public void Errors_in_skiff_yaml_point_into_skiff_yaml()
    {
        using var repo = new TempRepo();
        repo.Write("compose.yaml", "services:\n  web: {image: x}\n").Write("skiff.yaml", "services:\n  web:\n    portz: [\"80\"]\n");
        SpecAssert.Error(repo.Load(), "skiff.yaml:3:5: services.web.portz: unknown key 'portz' in service 'web' (did you mean 'ports'?)");
    }

    [Fact]
    public void A_broken_skiff_yaml_stops_the_load()
    {
        using var repo = new TempRepo();
        var result = repo.Write("compose.yaml", "services:\n  web: {image: x}\n").Write("skiff.yaml", "public: [web\n").Load();
        Assert.Null(result.Spec);
        SpecAssert.Error(result, "skiff.yaml:2:1: invalid YAML: While parsing a flow sequence, did not find expected ',' or ']'.");
    }
}
