using Skiff.Core.Specs;

namespace Skiff.Core.Tests.Specs;

public class IncludeTests
{
    [Fact]
    public void Includes_files_relative_to_the_including_file_with_their_own_env()
    {
        using var repo = new TempRepo();
        repo.Context("backend/api")
            .Write("backend/.env", "API_TAG=7\n")
            .Write("backend/compose.yaml", """
                services:
                  api:
                    build: ./api
                    image: api:${API_TAG}
                    volumes: [data:/data]
                volumes:
                  data:
                """)
            .Write("infra/db.yaml", "services:\n  db:\n    image: postgres:${PG:-16}\n")
            .Write("compose.yaml", """
                include:
                  - backend/compose.yaml
                  - path: infra/db.yaml
                services:
                  web:
                    image: web
                    depends_on: [api, db]
                """);
        var spec = repo.LoadOk();
        Assert.Equal(["web", "api", "db"], spec.Services.Select(s => s.Name));
        Assert.Equal("api:7", spec.FindService("api")!.Image);
        Assert.Equal(repo.PathOf("backend/api"), spec.FindService("api")!.Build!.Context);
        Assert.Equal("postgres:16", spec.FindService("db")!.Image);
        Assert.Equal(["data"], spec.Volumes.Select(v => v.Name));
    }

    [Fact]
    public void Project_directory_and_env_file_of_an_include()
    {
        using var repo = new TempRepo();
        repo.Context("shared/ctx")
            .Write("shared/values.env", "TAG=from-env-file\n")
            .Write("stacks/app.yaml", "services:\n  app:\n    image: app:${TAG}\n    build: ./ctx\n")
            .Write("compose.yaml", "include:\n  - path: stacks/app.yaml\n    project_directory: shared\n    env_file: shared/values.env\n");
        var app = repo.LoadOk().FindService("app")!;
        Assert.Equal("app:from-env-file", app.Image);
        Assert.Equal(repo.PathOf("shared/ctx"), app.Build!.Context);
    }

    [Fact]
    public void Reports_include_cycles_and_conflicts()
    {
        using var repo = new TempRepo();
        repo.Write("a.yaml", "include: [b.yaml]\nservices:\n  a: {image: a}\n")
            .Write("b.yaml", "include: [a.yaml]\nservices:\n  b: {image: b}\n")
            .Write("dup.yaml", "services:\n  web: {image: other}\n")
            .Write("compose.yaml", "include: [a.yaml, dup.yaml]\nservices:\n  web: {image: web}\n");
        SpecAssert.Errors(repo.Load(),
            "b.yaml:1:11: include[0]: include cycle detected: a.yaml -> b.yaml -> a.yaml",
            "dup.yaml:2:3: services.web: services.web is defined both here and in compose.yaml:3:3; an included file may not redefine a resource, so rename one of them");
    }
}
