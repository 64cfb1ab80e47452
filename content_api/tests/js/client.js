// Ghost's official Content API client against a running Masthead: node client.js <url> <key>.
// Prints one JSON object of what each call returned (or the error it threw), for
// content_api/tests/test_official_client.py to check.
const GhostContentAPI = require('@tryghost/content-api');

async function main() {
    const [url, key] = process.argv.slice(2);
    const api = new GhostContentAPI({url, key, version: 'v5.0'});
    const out = {};
    const run = async (name, call) => {
        try {
            const result = await call();
            out[name] = Array.isArray(result) ? {items: [...result], meta: result.meta} : result;
        } catch (err) {
            out[name] = {error: {name: err.name, message: err.message, type: err.type}};
        }
    };
    await run('posts', () => api.posts.browse({include: 'tags,authors', formats: 'html,plaintext', limit: 2}));
    await run('posts_page_2', () => api.posts.browse({limit: 2, page: 2}));
    await run('posts_filtered', () => api.posts.browse({filter: 'tag:floods', include: 'tags'}));
    await run('posts_all', () => api.posts.browse({limit: 'all', fields: 'title,slug'}));
    const first = out.posts.items ? out.posts.items[0] : null;
    if (first) {
        await run('post_by_slug', () => api.posts.read({slug: first.slug}, {include: 'authors'}));
        await run('post_by_id', () => api.posts.read({id: first.id}));
    }
    await run('post_missing', () => api.posts.read({slug: 'no-such-post'}));
    await run('pages', () => api.pages.browse());
    await run('authors', () => api.authors.browse({include: 'count.posts'}));
    await run('tags', () => api.tags.browse({include: 'count.posts', limit: 'all'}));
    await run('settings', () => api.settings.browse());
    await run('tiers', () => api.tiers.browse());
    const wrong = new GhostContentAPI({url, key: 'abcdefabcdefabcdefabcdefab', version: 'v5.0'});
    await run('wrong_key', () => wrong.posts.browse());
    process.stdout.write(JSON.stringify(out));
}

main().catch((err) => {
    process.stderr.write(String(err && err.stack || err));
    process.exit(1);
});
