/** The creator operations of the spec: thin adapters over queries/creators/. */
import { type CreatorSearch, searchCreators } from '../../queries/creators/search-creators.js'
import { type ApiRoutes, paged, queryOf } from '../api-routes.js'

export function registerCreatorsRoutes(api: ApiRoutes): void {
  api.operation('searchTikTokCreators', async (req) =>
    paged(req, await searchCreators(api.ctx, queryOf<CreatorSearch>(req))),
  )
}
