using Lens.Dashboard.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lens.Dashboard.Features.Access;

/// <summary>Tokens and users, for admins: <c>/api/tokens</c> and <c>/api/users</c>.</summary>
public static class AccessApi
{
    public static IEndpointRouteBuilder MapAccessApi(this IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup("/api/tokens").WithTags("Access").RequireAuthorization(LensPolicies.Admin);
        tokens.MapGet("/", async (TokenService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)));
        tokens.MapPost("/", CreateTokenAsync);
        tokens.MapDelete("/{name}", (string name, HttpRequest request, TokenService service, CancellationToken ct) =>
            NoContentOrProblemAsync(() => service.RevokeAsync(name, request.Actor(), ct)));

        var users = app.MapGroup("/api/users").WithTags("Access").RequireAuthorization(LensPolicies.Admin);
        users.MapGet("/", async (UserAdministration service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)));
        users.MapPost("/", CreateUserAsync);
        users.MapDelete("/{userName}", (string userName, HttpRequest request, UserAdministration service, CancellationToken ct) =>
            NoContentOrProblemAsync(() => service.DeleteAsync(userName, request.Actor(), ct)));

        // Who the caller is, for the CLI and for scripts checking their token.
        app.MapGet("/api/me", (HttpContext context) => TypedResults.Ok(new
        {
            name = context.User.Actor(),
            roles = context.User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).ToArray(),
            signOffRoles = context.User.SignOffRoles(),
        })).WithTags("Access").RequireAuthorization(LensPolicies.Wall);
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> NoContentOrProblemAsync(Func<Task> removal)
    {
        try
        {
            await removal();
            return TypedResults.NoContent();
        }
        catch (LensRequestException ex) { return LensProblems.For(ex); }
    }

    private static async Task<Results<Created<IssuedToken>, ProblemHttpResult>> CreateTokenAsync(HttpRequest request, TokenService service, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateTokenRequest>(request, ct);
        if (problem is not null) return problem;
        try
        {
            var issued = await service.IssueAsync(body!.Name, body.Role, request.Actor(), ct);
            return TypedResults.Created($"/api/tokens/{issued.Name}", issued);
        }
        catch (LensValidationException ex) { return LensProblems.For(ex); }
        catch (LensRequestException ex) { return LensProblems.For(ex); }
    }

    private static async Task<Results<Created<UserView>, ProblemHttpResult>> CreateUserAsync(HttpRequest request, UserAdministration service, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateUserRequest>(request, ct);
        if (problem is not null) return problem;
        try
        {
            var user = await service.CreateAsync(body!.UserName, body.Password, body.Roles, body.SignOffRoles, request.Actor(), ct);
            return TypedResults.Created($"/api/users/{user.UserName}", user);
        }
        catch (LensValidationException ex) { return LensProblems.For(ex); }
        catch (LensRequestException ex) { return LensProblems.For(ex); }
    }
}
