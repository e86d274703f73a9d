using BlazorChat.Core;
using BlazorChat.Web;
using BlazorChat.Web.Api;
using BlazorChat.Web.Operations;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // Published output carries its wwwroot beside the app; find it from any working directory.
    ContentRootPath = Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot")) ? AppContext.BaseDirectory : null,
});

builder.AddChatCore();
builder.AddChatWeb();
builder.AddChatApi();
builder.AddChatOperations();

var app = builder.Build();

app.UseChatPipeline();
app.MapChatEndpoints();

return app.RunChat();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
