using System.Text.Json.Serialization;
using BlazorChat.Core.Attachments;
using BlazorChat.Web.Hubs;
using Microsoft.AspNetCore.Http.Features;

namespace BlazorChat.Web.Api;

/// <summary>Registration, pipeline and routes of the integration surface: REST API <c>/api/v1</c>, its OpenAPI document and docs page, and the hub <c>/hubs/chat</c>.</summary>
public static class ApiServiceCollectionExtensions
{
    public const string CorsPolicy = "api";

    public static WebApplicationBuilder AddChatApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ApiOptions>().Bind(builder.Configuration.GetSection(ApiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();

        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddChatApiAuthentication(options);
        services.AddChatApiRateLimits(options);
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy =>
        {
            // Closed unless origins are configured: no origin is allowed, so browsers on other sites cannot call.
            if (options.CorsOrigins.Length > 0)
                policy.WithOrigins(options.CorsOrigins).AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("Retry-After", "Location");
        }));
        services.AddChatOpenApi();
        services.AddChatHub(builder.Configuration);
        return builder;
    }

    /// <summary>True for requests to the API and the hub, which answer with ProblemDetails instead of pages.</summary>
    public static bool IsApiRequest(this HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api/v1") || context.Request.Path.StartsWithSegments("/hubs");

    /// <summary>The API's middleware: rate limiting (after authorization, so limits key on the token) and the body size limit.</summary>
    public static WebApplication UseChatApi(this WebApplication app)
    {
        app.UseRateLimiter();
        var maxApiBody = app.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>()?.MaxRequestBodyBytes ?? new ApiOptions().MaxRequestBodyBytes;
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api/v1"), api => api.Use(async (context, next) =>
        {
            // An upload may be as large as the upload limit in force (site settings), not the API's.
            var maxBody = UploadEndpoints.IsUpload(context.Request)
                ? (await context.RequestServices.GetRequiredService<UploadLimits>().GetAsync(context.RequestAborted)).MaxFileBytes + UploadEndpoints.MultipartOverheadBytes
                : maxApiBody;
            if (context.Request.ContentLength > maxBody)
            {
                await Results.Problem($"A request body has at most {maxBody:N0} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge,
                    title: "The request is too large.").ExecuteAsync(context);
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = maxBody;
            await next();
        }));
        return app;
    }

    public static WebApplication MapChatApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1")
            .AddEndpointFilter(ApiProblems.Filter)
            .RequireCors(CorsPolicy)
            .DisableAntiforgery();
        api.MapAuthEndpoints();

        var secured = api.MapGroup("")
            .RequireAuthorization(ApiAuthentication.Policy)
            .RequireRateLimiting(ApiRateLimits.TokenPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        secured.MapRoomEndpoints();
        secured.MapMemberEndpoints();
        secured.MapMessageEndpoints();
        secured.MapThreadEndpoints();
        secured.MapReactionEndpoints();
        secured.MapPinEndpoints();
        secured.MapReadStateEndpoints();
        secured.MapUserEndpoints();
        secured.MapTokenEndpoints();
        secured.MapSearchEndpoints();
        secured.MapUploadEndpoints();

        app.MapChatOpenApi();
        app.MapChatHub();
        return app;
    }
}
