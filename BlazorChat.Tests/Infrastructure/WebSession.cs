using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace BlazorChat.Tests.Infrastructure;

/// <summary>A page as a browser received it: the response and its parsed document.</summary>
public sealed record WebPage(HttpResponseMessage Response, IDocument Document)
{
    public HttpStatusCode Status => Response.StatusCode;
    public Uri Url => Response.RequestMessage!.RequestUri!;
}

/// <summary>
/// Drives the server-rendered pages like a browser without JavaScript: GET a page, fill in a
/// form by field name and submit it with every field the form holds (antiforgery token and
/// handler name included).
/// </summary>
public sealed class WebSession(HttpClient client) : IDisposable
{
    /// <summary>The cookie Identity signs people in with.</summary>
    public const string AuthCookie = ".AspNetCore.Identity.Application";

    public HttpClient Client { get; } = client;

    public async Task<WebPage> GetAsync(string url)
    {
        var response = await Client.GetAsync(url);
        return new WebPage(response, Html.Parse(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>
    /// Submits the form of <paramref name="page"/> whose <c>_handler</c> is <paramref name="handler"/>,
    /// with <paramref name="values"/> typed into the named fields. Every named field must exist: a
    /// renamed field fails here rather than posting something the page never had.
    /// </summary>
    public async Task<WebPage> SubmitAsync(WebPage page, string handler, IReadOnlyDictionary<string, string> values)
    {
        var forms = page.Document.QuerySelectorAll<IHtmlFormElement>("form").ToList();
        var form = forms.SingleOrDefault(f => f.QuerySelector($"input[name='_handler'][value='{handler}']") is not null)
            ?? throw new InvalidOperationException($"{page.Url} has no form with _handler={handler}; its forms post: " +
                string.Join(", ", forms.Select(f => f.QuerySelector("input[name='_handler']")?.GetAttribute("value") ?? "(no handler)")));

        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            if (element.HasAttribute("disabled")) continue;
            var name = element.GetAttribute("name")!;
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box when !box.IsChecked: continue;
                case IHtmlInputElement { Type: "submit" or "button" or "image" or "file" }: continue;
                case IHtmlInputElement input: fields.Add(new(name, input.Value)); break;
                case IHtmlTextAreaElement textarea: fields.Add(new(name, textarea.Value)); break;
                case IHtmlSelectElement select: fields.Add(new(name, select.Value ?? "")); break;
            }
        }
        foreach (var (name, value) in values)
        {
            var index = fields.FindIndex(f => f.Key == name);
            if (index < 0) throw new InvalidOperationException($"The {handler} form on {page.Url} has no field named {name}.");
            fields[index] = new(name, value);
        }

        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.Url : new Uri(page.Url, action);
        var response = await Client.PostAsync(target, new FormUrlEncodedContent(fields));
        return new WebPage(response, Html.Parse(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>The cookies <paramref name="response"/> set, by name.</summary>
    public static Dictionary<string, string> CookiesSetBy(HttpResponseMessage response) =>
        (response.Headers.TryGetValues("Set-Cookie", out var headers) ? headers : [])
            .Select(h => h.Split(';', 2)[0].Split('=', 2))
            .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last().ElementAtOrDefault(1) ?? "");

    public void Dispose() => Client.Dispose();
}
