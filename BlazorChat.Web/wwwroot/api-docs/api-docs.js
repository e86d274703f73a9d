// The API reference page: reads the OpenAPI document and renders it, with a form per operation
// to try it. Everything from the document is inserted as text (never as HTML).
const specUrl = '/openapi/v1.json';
const tokenKey = 'blazorchat-api-token';

const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
        if (key === 'class') node.className = value;
        else if (key in node) node[key] = value;
        else node.setAttribute(key, value);
    }
    for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
    return node;
};

const resolve = (spec, schema) => {
    let current = schema;
    for (let depth = 0; current && current.$ref && depth < 20; depth++) {
        current = current.$ref.replace(/^#\//, '').split('/').reduce((at, part) => at?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
    }
    return current ?? {};
};

// A small example value for a schema, to prefill request bodies and show response shapes.
const example = (spec, schema, depth = 0) => {
    const s = resolve(spec, schema);
    if (depth > 4) return null;
    if (s.example !== undefined) return s.example;
    if (s.enum) return s.enum[0];
    const type = Array.isArray(s.type) ? s.type.find(t => t !== 'null') : s.type;
    if (s.oneOf || s.anyOf) return example(spec, (s.oneOf || s.anyOf).find(o => resolve(spec, o).type !== 'null') ?? {}, depth + 1);
    switch (type) {
        case 'object': {
            const value = {};
            for (const [name, prop] of Object.entries(s.properties ?? {})) value[name] = example(spec, prop, depth + 1);
            return value;
        }
        case 'array': return [example(spec, s.items ?? {}, depth + 1)];
        case 'integer': case 'number': return 0;
        case 'boolean': return false;
        case 'string': return s.format === 'uuid' ? '00000000-0000-0000-0000-000000000000' : s.format === 'date-time' ? new Date(0).toISOString() : '';
        default: return s.properties ? example(spec, { ...s, type: 'object' }, depth) : null;
    }
};

const schemaName = (schema) => schema?.$ref ? schema.$ref.split('/').pop() : (schema?.type === 'array' && schema.items?.$ref ? `${schema.items.$ref.split('/').pop()}[]` : '');

function renderOperation(spec, path, method, op) {
    const id = op.operationId ?? `${method}-${path}`;
    const article = el('article', { class: 'operation', id });
    article.append(el('h3', {}, el('span', { class: `method ${method}` }, method), el('code', { class: 'path' }, path), el('span', { class: 'summary' }, op.summary ?? '')));
    if (op.description) article.append(el('p', {}, op.description));

    const params = op.parameters ?? [];
    if (params.length) {
        article.append(el('table', {},
            el('thead', {}, el('tr', {}, el('th', {}, 'Parameter'), el('th', {}, 'In'), el('th', {}, 'Type'), el('th', {}, 'Required'))),
            el('tbody', {}, params.map(p => el('tr', {}, el('td', {}, el('code', {}, p.name)), el('td', {}, p.in),
                el('td', {}, resolve(spec, p.schema).type?.toString() ?? schemaName(p.schema)), el('td', {}, p.required ? 'yes' : 'no'))))));
    }
    const body = op.requestBody?.content?.['application/json'];
    if (body) article.append(el('p', {}, 'Request body: ', el('code', {}, schemaName(body.schema) || 'JSON')));
    const responses = Object.entries(op.responses ?? {});
    if (responses.length) {
        article.append(el('table', {},
            el('thead', {}, el('tr', {}, el('th', {}, 'Status'), el('th', {}, 'Meaning'), el('th', {}, 'Body'))),
            el('tbody', {}, responses.map(([status, r]) => {
                const content = r.content ?? {};
                const type = Object.keys(content)[0];
                return el('tr', {}, el('td', {}, status), el('td', {}, r.description ?? ''),
                    el('td', {}, type ? el('code', {}, `${type} ${schemaName(content[type].schema)}`) : el('span', { class: 'muted' }, 'none')));
            }))));
    }
    article.append(renderTry(spec, path, method, op, id));
    return article;
}

function renderTry(spec, path, method, op, id) {
    const details = el('details', { class: 'try' }, el('summary', {}, 'Try it'));
    const form = el('form');
    const inputs = [];
    for (const p of op.parameters ?? []) {
        const input = el('input', { id: `${id}-${p.in}-${p.name}`, name: p.name });
        input.dataset.in = p.in;
        inputs.push(input);
        form.append(el('label', { htmlFor: input.id }, `${p.name} (${p.in})`), input);
    }
    let bodyArea = null;
    const body = op.requestBody?.content?.['application/json'];
    if (body) {
        bodyArea = el('textarea', { id: `${id}-body`, value: JSON.stringify(example(spec, body.schema), null, 2) });
        form.append(el('label', { htmlFor: bodyArea.id }, 'Body (JSON)'), bodyArea);
    }
    const output = el('pre', { role: 'status', 'aria-live': 'polite' });
    form.append(el('button', { type: 'submit' }, 'Send'), output);
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        let url = path;
        const query = new URLSearchParams();
        const headers = {};
        for (const input of inputs) {
            if (!input.value) continue;
            if (input.dataset.in === 'path') url = url.replace(`{${input.name}}`, encodeURIComponent(input.value));
            else if (input.dataset.in === 'query') query.append(input.name, input.value);
            else if (input.dataset.in === 'header') headers[input.name] = input.value;
        }
        const token = sessionStorage.getItem(tokenKey);
        if (token) headers.Authorization = `Bearer ${token}`;
        if (bodyArea) headers['Content-Type'] = 'application/json';
        output.textContent = 'Sending…';
        try {
            const response = await fetch(query.size ? `${url}?${query}` : url, { method: method.toUpperCase(), headers, body: bodyArea ? bodyArea.value : undefined });
            const text = await response.text();
            let shown = text;
            try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch { /* not JSON */ }
            output.textContent = `${response.status} ${response.statusText}\n${shown}`;
        } catch (error) {
            output.textContent = `The request failed: ${error}`;
        }
    });
    details.append(form);
    return details;
}

async function main() {
    const content = document.getElementById('content');
    const toc = document.getElementById('toc');
    const state = document.getElementById('auth-state');
    const tokenInput = document.getElementById('token');
    tokenInput.value = sessionStorage.getItem(tokenKey) ?? '';
    document.getElementById('auth').addEventListener('submit', (event) => {
        event.preventDefault();
        if (tokenInput.value) sessionStorage.setItem(tokenKey, tokenInput.value.trim()); else sessionStorage.removeItem(tokenKey);
        state.textContent = tokenInput.value ? 'Requests will send this token.' : 'Requests will send no token.';
    });

    let spec;
    try {
        const response = await fetch(specUrl);
        if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
        spec = await response.json();
    } catch (error) {
        document.getElementById('loading').textContent = `The API description could not be loaded: ${error.message}`;
        return;
    }
    content.replaceChildren(el('section', { class: 'intro' }, el('h2', {}, spec.info?.title ?? 'API'),
        (spec.info?.description ?? '').split(/\n{2,}/).map(paragraph => el('p', {}, paragraph.replace(/\n/g, ' ')))));

    const byTag = new Map((spec.tags ?? []).map(tag => [tag.name, { tag, operations: [] }]));
    for (const [path, item] of Object.entries(spec.paths ?? {})) {
        for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
            const op = item[method];
            if (!op) continue;
            const name = op.tags?.[0] ?? 'Other';
            if (!byTag.has(name)) byTag.set(name, { tag: { name }, operations: [] });
            byTag.get(name).operations.push({ path, method, op: { ...op, parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])] } });
        }
    }
    for (const { tag, operations } of byTag.values()) {
        if (!operations.length) continue;
        const section = el('section', { class: 'tag', id: `tag-${tag.name.replace(/\W+/g, '-')}` }, el('h2', {}, tag.name));
        if (tag.description) section.append(el('p', {}, tag.description));
        const list = el('ul');
        for (const { path, method, op } of operations) {
            const article = renderOperation(spec, path, method, op);
            section.append(article);
            list.append(el('li', {}, el('a', { href: `#${article.id}` }, `${method.toUpperCase()} ${op.summary ?? path}`)));
        }
        toc.append(el('h2', {}, tag.name), list);
        content.append(section);
    }
}

main();
